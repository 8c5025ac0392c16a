/**
 * The annotation store under the faults a shared or hostile folder brings: a sidecar that links
 * outside its folder, a full disk, a very large sidecar. Nothing is lost, every failure is said
 * in words, nothing is written where it should not be.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { StoreError, readSidecar, sidecarPath, updateSidecar } from '../../server/src/annotationStore';
import { SourceText, createAnnotation, targetFor } from '../../server/src/service/annotations/model';
import { emptyFile, serializeAnnotationFile } from '../../server/src/service/annotations/serialize';
import { SEED_TEXT } from '../util/seed';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'marginalia-faults-'));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const source = new SourceText(SEED_TEXT);
const note = (id: string, text: string) => {
  const start = SEED_TEXT.indexOf('the Soviet Government');
  return createAnnotation(id, '2024-01-01T00:00:00.000Z', { text, tags: ['t'] }, targetFor(source, 'memo.txt', start, start + 21, null));
};

describe('annotation store faults', () => {
  test('a sidecar linking outside its folder is reported, not followed, and nothing is written through it', async () => {
    const outside = tempDir();
    const secret = join(outside, 'secret.json');
    const original = serializeAnnotationFile({ ...emptyFile('urn:x'), annotations: [note('urn:uuid:00000000-0000-4000-8000-000000000001', 'elsewhere')] });
    writeFileSync(secret, original);
    const folder = tempDir();
    const path = sidecarPath(join(folder, 'memo.txt'));
    symlinkSync(secret, path);
    const read = await readSidecar(path);
    assert.equal(read.kind, 'corrupt');
    assert.match(read.kind === 'corrupt' ? read.error : '', /link to .*secret\.json, outside its folder/);
    await assert.rejects(
      updateSidecar(path, (f) => ({ ...(f ?? emptyFile('urn:y')), annotations: [note('urn:uuid:00000000-0000-4000-8000-000000000002', 'new')] })),
      (e: unknown) => e instanceof StoreError && e.kind === 'corrupt' && /outside its folder/.test(e.message),
    );
    assert.equal(readFileSync(secret, 'utf8'), original, 'the linked file is untouched');
  });

  test('a link that stays in the folder is followed', async () => {
    const folder = tempDir();
    const real = join(folder, 'shared.annotations.json');
    writeFileSync(real, serializeAnnotationFile(emptyFile('urn:z')));
    const path = sidecarPath(join(folder, 'memo.txt'));
    symlinkSync(real, path);
    assert.equal((await readSidecar(path)).kind, 'ok');
  });

  test('a full disk: the write fails in words, the old file stays whole, no temporary file is left', async (t) => {
    if (process.getuid?.() !== 0) {
      t.skip('needs root to mount a small tmpfs');
      return;
    }
    const mount = tempDir();
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]);
    if (r.status !== 0) {
      t.skip(`cannot mount a tmpfs here: ${String(r.stderr).trim()}`);
      return;
    }
    try {
      const path = sidecarPath(join(mount, 'memo.txt'));
      await updateSidecar(path, () => ({ ...emptyFile('urn:full'), annotations: [note('urn:uuid:00000000-0000-4000-8000-000000000003', 'first')] }));
      const before = readFileSync(path, 'utf8');
      const huge = 'x'.repeat(200_000); // more than the 64 KiB disk holds
      await assert.rejects(
        updateSidecar(path, (f) => ({ ...f!, annotations: [...f!.annotations, note('urn:uuid:00000000-0000-4000-8000-000000000004', huge)] })),
        (e: unknown) => e instanceof StoreError && e.kind === 'io' && /the disk is full \[ENOSPC\]/.test(e.message),
      );
      assert.equal(readFileSync(path, 'utf8'), before);
      assert.deepEqual(readdirSync(mount).filter((f) => f.endsWith('.tmp')), []);
    } finally {
      spawnSync('umount', [mount]);
    }
  });

  test('a sidecar of 100,000 annotations reads, and a change keeps every one of them', async () => {
    const folder = tempDir();
    mkdirSync(folder, { recursive: true });
    const path = sidecarPath(join(folder, 'memo.txt'));
    const base = note('urn:uuid:00000000-0000-4000-8000-000000000000', 'n');
    const annotations = Array.from({ length: 100_000 }, (_, i) => ({
      ...base,
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      body: [{ type: 'TextualBody', value: `note ${i}`, format: 'text/markdown' }],
    })) as typeof base[];
    writeFileSync(path, serializeAnnotationFile({ ...emptyFile('urn:big'), annotations }));
    const read = await readSidecar(path);
    assert.equal(read.kind, 'ok');
    assert.equal(read.kind === 'ok' ? read.file.annotations.length : 0, 100_000);
    const { file } = await updateSidecar(path, (f) => ({ ...f!, annotations: [...f!.annotations, note('urn:uuid:10000000-0000-4000-8000-000000000000', 'one more')] }));
    assert.equal(file.annotations.length, 100_001);
    const again = await readSidecar(path);
    const ids = new Set(again.kind === 'ok' ? again.file.annotations.map((a) => a.id) : []);
    assert.equal(ids.size, 100_001);
    assert.ok(ids.has('urn:uuid:00000000-0000-4000-8000-000000099999'));
  });
});
