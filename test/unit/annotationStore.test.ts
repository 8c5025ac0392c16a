import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnnotationsChangedParams } from '../../common/protocol';
import { AnnotationDocuments } from '../../server/src/annotationDocuments';
import { StoreError, readSidecar, sidecarPath, updateSidecar, writeFileAtomic } from '../../server/src/annotationStore';
import { createMemoService } from '../../server/src/service';
import { SourceText, createAnnotation, targetFor } from '../../server/src/service/annotations/model';
import { emptyFile, parseAnnotationFile } from '../../server/src/service/annotations/serialize';
import { SEED_TEXT } from '../util/seed';

const WRITER = join(__dirname, '..', 'util', 'annotationWriter.ts');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'marginalia-store-'));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) {
    try {
      chmodSync(d, 0o755);
    } catch {
      // already gone
    }
    rmSync(d, { recursive: true, force: true });
  }
});

/** Polls `probe` until it returns a truthy value, failing after `ms`. */
async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

const note = (id: string, text: string, phrase = 'the Soviet Government') => {
  const start = SEED_TEXT.indexOf(phrase);
  return createAnnotation(id, '2024-01-01T00:00:00.000Z', { text, tags: [] }, targetFor(new SourceText(SEED_TEXT), 'memo.txt', start, start + phrase.length, null));
};

/** A "window": the server's annotation state with a host that records what it shows and sends. */
function window(docs: Map<string, TextDocument>) {
  const errors: string[] = [];
  const notes: AnnotationsChangedParams[] = [];
  const service = createMemoService();
  const state = new AnnotationDocuments({
    showError: (m) => errors.push(m),
    notify: (p) => notes.push(p),
    openDocument: (uri) => docs.get(uri),
    model: (d) => service.model(d),
  });
  return { state, errors, notes };
}

describe('annotation store', () => {
  test('atomic write: the content arrives whole, no temporary file is left, permissions are kept', async () => {
    const dir = tempDir();
    const file = join(dir, 'memo.txt.annotations.json');
    await writeFileAtomic(file, 'first\n');
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'second\n');
    assert.equal(readFileSync(file, 'utf8'), 'second\n');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['memo.txt.annotations.json']);
  });

  test('updateSidecar creates, then changes by re-reading what is on disk; no lock file is left', async () => {
    const dir = tempDir();
    const file = sidecarPath(join(dir, 'memo.txt'));
    await updateSidecar(file, (f) => ({ ...(f ?? emptyFile('urn:uuid:c')), annotations: [note('urn:uuid:a', 'A')] }));
    // Another writer adds behind our back; our next change applies to its version.
    const theirs = parseAnnotationFile(readFileSync(file, 'utf8'));
    assert.ok(theirs.ok);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), first: { type: 'AnnotationPage', items: [...theirs.file.annotations, note('urn:uuid:b', 'B')] } }));
    await updateSidecar(file, (f) => ({ ...f!, annotations: [...f!.annotations, note('urn:uuid:c', 'C')] }));
    const read = await readSidecar(file);
    assert.ok(read.kind === 'ok');
    assert.deepEqual(read.file.annotations.map((a) => a.id).sort(), ['urn:uuid:a', 'urn:uuid:b', 'urn:uuid:c']);
    assert.deepEqual(readdirSync(dir), ['memo.txt.annotations.json']);
  });

  test('a corrupt file is reported with its path and parse error, left byte for byte untouched, and read-only', async () => {
    const dir = tempDir();
    const source = join(dir, 'memo.txt');
    writeFileSync(source, SEED_TEXT);
    const file = sidecarPath(source);
    const broken = Buffer.from('{\n  "type": "AnnotationCollection",\n<<<<<<< HEAD\n  "first": {}\n');
    writeFileSync(file, broken);
    const mtime = statSync(file).mtimeMs;

    await assert.rejects(updateSidecar(file, (f) => f ?? emptyFile('urn:uuid:c')), (e: unknown) =>
      e instanceof StoreError && e.kind === 'corrupt' && e.message.includes(file) && /line 3, column 1/.test(e.message));

    const uri = pathToFileURL(source).href;
    const docs = new Map([[uri, TextDocument.create(uri, 'memo', 1, SEED_TEXT)]]);
    const w = window(docs);
    await w.state.documentChanged(docs.get(uri)!);
    assert.equal(w.errors.length, 1, 'reported once');
    assert.ok(w.errors[0].includes(file) && /does not parse/.test(w.errors[0]) && /line 3/.test(w.errors[0]), w.errors[0]);
    assert.match(w.notes.at(-1)?.readOnly ?? '', /line 3/);
    await assert.rejects(w.state.mutate(source, (f) => ({ ...f, annotations: [note('urn:uuid:x', 'x')] })), /read-only/);
    await w.state.list(uri);
    assert.equal(w.errors.length, 1, 'not reported again on every request');
    assert.deepEqual(readFileSync(file), broken, 'byte for byte untouched');
    assert.equal(statSync(file).mtimeMs, mtime);
    assert.deepEqual(readdirSync(dir).sort(), ['memo.txt', 'memo.txt.annotations.json']);
    w.state.dispose();
  });

  test('a fixed file is reloaded when it changes on disk, and the open document is told', async () => {
    const dir = tempDir();
    const source = join(dir, 'memo.txt');
    writeFileSync(source, SEED_TEXT);
    const file = sidecarPath(source);
    writeFileSync(file, '{ broken');
    const uri = pathToFileURL(source).href;
    const docs = new Map([[uri, TextDocument.create(uri, 'memo', 1, SEED_TEXT)]]);
    const w = window(docs);
    await w.state.documentChanged(docs.get(uri)!);
    assert.ok(w.notes.at(-1)?.readOnly);
    // Fixed in an editor, or by `git checkout`: another process writes a good file.
    await updateSidecar(`${file}.tmp-fixed`, () => ({ ...emptyFile('urn:uuid:c'), annotations: [note('urn:uuid:fixed', 'fixed')] }));
    writeFileSync(file, readFileSync(`${file}.tmp-fixed`));
    const reloaded = await until('the reload notification', () => w.notes.find((n) => n.reason === 'reload' && n.items.length === 1));
    assert.equal(reloaded.readOnly, undefined);
    assert.equal(reloaded.items[0].status, 'anchored');
    assert.equal(reloaded.items[0].range?.start.line, SEED_TEXT.slice(0, SEED_TEXT.indexOf('the Soviet Government')).split('\n').length - 1);
    await w.state.mutate(source, (f) => ({ ...f, annotations: [...f.annotations, note('urn:uuid:new', 'new')] }));
    assert.equal((await readSidecar(file)).kind, 'ok');
    w.state.dispose();
  });

  test('two windows writing the same file do not lose each other’s notes', async () => {
    const dir = tempDir();
    const source = join(dir, 'memo.txt');
    writeFileSync(source, SEED_TEXT);
    const uri = pathToFileURL(source).href;
    const one = window(new Map());
    const two = window(new Map());
    await one.state.list(uri);
    await two.state.list(uri); // both have read the (missing) file before either writes
    await one.state.mutate(source, (f) => ({ ...f, annotations: [...f.annotations, note('urn:uuid:one-1', 'one')] }));
    await two.state.mutate(source, (f) => ({ ...f, annotations: [...f.annotations, note('urn:uuid:two-1', 'two')] }));
    await one.state.mutate(source, (f) => ({ ...f, annotations: f.annotations.filter((a) => a.id !== 'urn:uuid:none') }));
    const read = await readSidecar(sidecarPath(source));
    assert.ok(read.kind === 'ok');
    assert.deepEqual(read.file.annotations.map((a) => a.id).sort(), ['urn:uuid:one-1', 'urn:uuid:two-1']);
    assert.equal((await one.state.list(uri)).items.length, 2);
    one.state.dispose();
    two.state.dispose();
  });

  test('processes writing at the same time: every note arrives', async () => {
    const dir = tempDir();
    const file = sidecarPath(join(dir, 'memo.txt'));
    const writers = ['p', 'q', 'r'].map((tag) => spawn(process.execPath, ['--import', 'tsx', WRITER, file, 'add', '12', tag], { stdio: ['ignore', 'ignore', 'pipe'] }));
    const codes = await Promise.all(writers.map((w) => new Promise<number | null>((r) => {
      let err = '';
      w.stderr!.on('data', (d) => (err += d));
      w.on('exit', (code) => {
        if (code !== 0) process.stderr.write(err);
        r(code);
      });
    })));
    assert.deepEqual(codes, [0, 0, 0]);
    const read = await readSidecar(file);
    assert.ok(read.kind === 'ok');
    assert.equal(new Set(read.file.annotations.map((a) => a.id)).size, 36);
  });

  test('a process killed mid-write leaves the old file or the new one, never a broken one', async () => {
    const dir = tempDir();
    const file = sidecarPath(join(dir, 'memo.txt'));
    const counts: number[] = [];
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, 'loop'], { stdio: 'ignore' });
      const exited = new Promise((r) => child.on('exit', r));
      const countNow = () => {
        try {
          return Number(/"memo:writeCount": (\d+)/.exec(readFileSync(file, 'utf8'))?.[1] ?? 0);
        } catch {
          return 0;
        }
      };
      const start = countNow();
      // Kill as soon as a later write has landed: the child is then busy with the next one.
      await until('the writer to rewrite the file', () => countNow() >= start + 2 + round, 60_000);
      child.kill('SIGKILL');
      await exited;
      const read = await readSidecar(file);
      assert.equal(read.kind, 'ok', `round ${round}: the file parses after kill -9`);
      assert.ok(read.kind === 'ok' && read.file.annotations.length === 200);
      counts.push(countNow());
      // Leftovers may only be our own hidden temporary or lock files, never a second sidecar.
      for (const name of readdirSync(dir)) {
        assert.ok(name === 'memo.txt.annotations.json' || /^\.memo\.txt\.annotations\.json\.(\d+\.[0-9a-f]+\.tmp|lock)$/.test(name), name);
      }
    }
    assert.ok(counts.every((c, i) => i === 0 || c > counts[i - 1]), `the writes went on: ${counts}`);
    // The lock of a killed writer is taken over: the next write succeeds at once.
    await updateSidecar(file, (f) => ({ ...f!, annotations: f!.annotations.slice(0, 1) }));
    const read = await readSidecar(file);
    assert.ok(read.kind === 'ok' && read.file.annotations.length === 1);
  });

  test('a read-only folder: the error says so in words, and nothing is written', () => {
    const dir = tempDir();
    const folder = join(dir, 'readonly');
    mkdirSync(folder);
    chmodSync(dir, 0o755);
    chmodSync(folder, 0o555);
    const file = sidecarPath(join(folder, 'memo.txt'));
    // Root may write anywhere: run the writer as an unprivileged user then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, ['--import', 'tsx', WRITER, file, 'once'], { encoding: 'utf8', ...asUser, env: { ...process.env, HOME: dir } });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { ok: boolean; error?: string };
    assert.equal(result.ok, false);
    assert.match(result.error!, /Could not save annotations to .*memo\.txt\.annotations\.json: permission denied \(the folder or file is read-only for you\) \[EACCES\]/);
    assert.deepEqual(readdirSync(folder), []);
  });
});
