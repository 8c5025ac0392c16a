/**
 * The built `memo-check` CLI (bin/memo-check.js → dist/check.js; `npm run build` first), run as
 * a collection's CI runs it: on the whole corpus folder in each format, on bad paths and files
 * it cannot read, with its exit codes. What it reports on the corpus is listed here in full, so
 * any change in the checks or the parser shows up.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Log } from 'sarif';
import { CORPUS_DIR } from '../util/corpus';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'memo-check.js');
const CORPUS = 'test/fixtures/corpus';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Everything memo-check reports on the corpus (seed and both renderings of the 42 FRUS
 * documents), each read in the text and found right:
 * - the seed's “to be be excited” (FRUS 1951 vol. VII pt. 1, p. 509), doubled in the printed
 *   volume itself;
 * - NIE-10 (1951 vol. VII pt. 2, doc. 93), Appendix A: its paragraphs run 1, 2, 3, 4, 5, 7. The
 *   edition's TEI (HistoryAtState/frus, volumes/frus1951v07p2.xml) has the same labels and no
 *   paragraph 6, so both renderings skip it: a reader checking the list finds 6 missing.
 */
const CORPUS_REPORT = [
  'test/fixtures/corpus/frus/frus1951v07p2_d93.txt:75:1: warning point-sequence Point 7. follows 5.: 6. is missing.',
  'test/fixtures/corpus/frus-extraction/frus1951v07p2_d93.txt:73:1: warning point-sequence Point 7. follows 5.: 6. is missing.',
  'test/fixtures/corpus/seed/kennan-1951.txt:23:878: warning repeated-word “be” is repeated.',
];

describe('memo-check (the built CLI)', () => {
  let tmp: string;
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'check.js')), 'dist/check.js is missing: run `npm run build` first');
    tmp = mkdtempSync(join(tmpdir(), 'memo-check-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('text: the whole corpus folder, every finding listed, exit 0 (warnings only)', () => {
    const r = run(CORPUS);
    assert.equal(r.stdout.trimEnd().split('\n').join('\n'), CORPUS_REPORT.join('\n'));
    assert.equal(r.stderr, 'memo-check: 85 files checked, 3 warnings\n');
    assert.ok(!r.stderr.includes('\r'), 'no progress line when stderr is not a terminal');
    assert.equal(r.status, 0);
  });

  test('json: the same findings with ranges and related places', () => {
    const r = run('--format', 'json', CORPUS);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.files.length, 85);
    assert.deepEqual(out.summary, { files: 85, error: 0, warning: 3, information: 0, hint: 0, unreadable: 0 });
    const found = out.files.flatMap((f: { path: string; diagnostics: Array<{ line: number; column: number; severity: string; code: string; message: string }> }) =>
      f.diagnostics.map((d) => `${f.path}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`));
    assert.deepEqual(found, CORPUS_REPORT);
    const seed = out.files.find((f: { path: string }) => f.path.endsWith('kennan-1951.txt'));
    assert.deepEqual(seed.diagnostics[0].related, [{ line: 23, column: 875, endLine: 23, endColumn: 877, message: 'the first “be”' }]);
    assert.equal(r.stderr, '', 'json writes nothing else');
  });

  test('sarif: a valid 2.1.0 log for code scanning, paths relative to the repository', () => {
    const r = run('--format', 'sarif', CORPUS);
    assert.equal(r.status, 0, r.stderr);
    const log = JSON.parse(r.stdout) as Log;
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'memo-check');
    assert.deepEqual(sarifRun.tool.driver.rules?.map((rule) => rule.id), [
      'footnote-undefined', 'footnote-unused', 'footnote-order', 'page-gap', 'page-order',
      'point-sequence', 'repeated-word', 'unbalanced-bracket', 'unbalanced-quote',
    ]);
    const results = sarifRun.results ?? [];
    assert.deepEqual(results.map((res) => [res.ruleId, res.level, res.locations?.[0].physicalLocation?.artifactLocation?.uri]), [
      ['point-sequence', 'warning', 'test/fixtures/corpus/frus/frus1951v07p2_d93.txt'],
      ['point-sequence', 'warning', 'test/fixtures/corpus/frus-extraction/frus1951v07p2_d93.txt'],
      ['repeated-word', 'warning', 'test/fixtures/corpus/seed/kennan-1951.txt'],
    ]);
    const seed = results[2];
    assert.deepEqual(seed.locations?.[0].physicalLocation?.region, { startLine: 23, startColumn: 878, endLine: 23, endColumn: 880 });
    assert.equal(seed.locations?.[0].physicalLocation?.artifactLocation?.uriBaseId, 'SRCROOT');
    assert.equal(seed.relatedLocations?.[0].message?.text, 'the first “be”');
    assert.equal(results[2].ruleIndex, 6);
    assert.equal(sarifRun.invocations?.[0].executionSuccessful, true);
  });

  test('an unreadable input: a clear message, the other inputs still checked, exit 2', () => {
    const missing = join(tmp, 'no-such-memo.txt');
    const r = run(missing, `${CORPUS}/seed`);
    assert.equal(r.status, 2);
    assert.ok(r.stderr.includes(`memo-check: ${missing}: cannot read: no such file or folder`), r.stderr);
    assert.equal(r.stdout, `${CORPUS_REPORT[2]}\n`, 'the seed is still checked');
    const bad = join(tmp, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'latin1.txt'), Buffer.from('Caf\xe9 au lait\n', 'latin1'));
    writeFileSync(join(bad, 'image.memo'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    writeFileSync(join(bad, 'ok.memo'), 'Title\n\nA clean memo.\n');
    const b = run(bad);
    assert.equal(b.status, 2);
    assert.match(b.stderr, /image\.memo: not a text file/);
    assert.match(b.stderr, /latin1\.txt: not UTF-8 text/);
    assert.match(b.stderr, /1 file checked, no problems, 2 unreadable/);
    const sarif = JSON.parse(run('--format', 'sarif', bad).stdout) as Log;
    assert.equal(sarif.runs[0].invocations?.[0].executionSuccessful, false);
    assert.equal(sarif.runs[0].invocations?.[0].toolExecutionNotifications?.length, 2);
  });

  test('errors exit 1: a telegram whose last note was lost', () => {
    const d95 = readFileSync(join(CORPUS_DIR, 'frus', 'frus1951v07p2_d95.txt'), 'utf8');
    const file = join(tmp, 'gifford.memo');
    writeFileSync(file, d95.slice(0, d95.lastIndexOf('\n  4. ')));
    const r = run(file);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stdout, `${file}:19:309: error footnote-undefined Footnote reference “4” has no note: the text has 4 references (1, 2, 3, 4) and the notes block 3 notes.\n`);
    assert.match(r.stderr, /1 file checked, 1 error/);
  });

  test('--level switches a check off or makes it an error', () => {
    const seed = `${CORPUS}/seed/kennan-1951.txt`;
    const off = run('--level', 'repeated-word=off', seed);
    assert.deepEqual([off.status, off.stdout], [0, '']);
    const error = run('--level=repeated-word=error', seed);
    assert.equal(error.status, 1);
    assert.match(error.stdout, /:23:878: error repeated-word/);
  });

  test('on a terminal, a large folder gets a progress line on stderr (stdout unchanged)', (t) => {
    // `script` gives the command a pseudo-terminal; stdout goes to a file, so what the terminal
    // shows is stderr alone.
    if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0) {
      t.skip('util-linux `script` is not installed');
      return;
    }
    const out = join(tmp, 'tty-stdout.txt');
    const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${CORPUS} > ${JSON.stringify(out)}`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\rmemo-check: 1\/85 files/);
    assert.match(r.stdout, /\rmemo-check: 85\/85 files/);
    assert.match(r.stdout, /memo-check: 85 files checked, 3 warnings/);
    assert.equal(readFileSync(out, 'utf8'), CORPUS_REPORT.join('\n') + '\n');
  });

  test('bad command lines exit 2 with a message', () => {
    for (const args of [[], ['--format', 'xml', CORPUS], ['--level', 'loud-word=off', CORPUS], ['--bogus', CORPUS]]) {
      const r = run(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^memo-check: .+\nRun memo-check --help for the usage\.\n$/, args.join(' '));
      assert.equal(r.stdout, '');
    }
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: memo-check/);
  });
});
