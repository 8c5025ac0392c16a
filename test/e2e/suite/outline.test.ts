// The outline (document symbols) and folding of the seed memo, as VS Code's Outline view gets them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEED, activateExtension, documentSymbols, fixtureUri, flatten, fmt, openMemo, show, waitFor } from './helpers';

// Every page marker, numbered point and note of the seed, in document order, with the
// line (and for pages the character) its symbol must select. From kennan-1951.json.
const EXPECTED: { name: string; line: number; character?: number }[] = [
  { name: 'Page 508', line: 8, character: 1313 },
  { name: 'Page 509', line: 22, character: 546 },
  { name: '1. It was plain', line: 32 },
  { name: '2. The words', line: 34 },
  { name: '3. I take this reply', line: 36 },
  { name: 'Page 510', line: 37, character: 390 },
  { name: '4. It is significant', line: 38 },
  { name: '5. While the Soviet', line: 40 },
  { name: 'Page 511', line: 43, character: 1091 },
  { name: 'Footnote 1: A typewritten note', line: 47 },
];
const STRUCTURAL = /^(Page \d+|\d+\. |Footnote )/;

suite('outline and folding', () => {
  suiteSetup(async () => { await activateExtension(); });
  teardown(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  for (const name of ['kennan-1951.memo', 'kennan-1951.txt']) {
    test(`outline of ${name}: titled root with pages, numbered points and the footnote`, async () => {
      await openMemo(name);
      const roots = await documentSymbols(fixtureUri(name));
      const root = roots.find((s) => s.name === SEED.title);
      assert.ok(root, `no root symbol named with the title; roots: ${show(roots.map((s) => s.name))}`);

      const found = flatten(root.children)
        .filter((s) => STRUCTURAL.test(s.name))
        .sort((a, b) => a.selectionRange.start.compareTo(b.selectionRange.start));
      const got = found.map((s) => `${s.name.slice(0, 40)} @${fmt(s.selectionRange.start)}`);
      assert.strictEqual(found.length, EXPECTED.length, `structural symbols under the title: ${show(got)}`);
      EXPECTED.forEach((e, i) => {
        const s = found[i];
        assert.ok(s.name.startsWith(e.name), `symbol #${i + 1} should start "${e.name}"; all: ${show(got)}`);
        assert.strictEqual(s.selectionRange.start.line, e.line, `"${s.name}" selects line ${s.selectionRange.start.line}, not ${e.line}`);
        if (e.character !== undefined) {
          assert.strictEqual(s.selectionRange.start.character, e.character, `"${s.name}" should select its [Page N] marker`);
        }
        assert.ok(s.range.contains(s.selectionRange), `"${s.name}": selectionRange outside range`);
      });
      // A numbered point is named by its label, then its first words.
      assert.match(found[2].name, /^1\. It was plain that he had\b/);
    });
  }

  async function foldingRanges(name: string): Promise<vscode.FoldingRange[]> {
    await openMemo(name);
    return waitFor(`folding ranges of ${name}`, async () => {
      const r = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
        'vscode.executeFoldingRangeProvider', fixtureUri(name));
      return r && r.length > 0 ? r : undefined;
    });
  }
  const list = (ranges: vscode.FoldingRange[]) => show(ranges.map((r) => `${r.start}-${r.end}`));

  test('folding ranges cover each numbered point', async () => {
    const ranges = await foldingRanges('kennan-1951.memo');
    for (const line of SEED.pointLines) {
      assert.ok(ranges.some((r) => r.start === line && r.end > line),
        `no folding range for the point at line ${line}; ranges: ${list(ranges)}`);
    }
  });

  test('folding ranges cover the notes block', async () => {
    // The seed has a single note, and one line cannot fold: gifford-1951.txt has four notes,
    // on lines 21-24 (frus1951v07p2_d95.json).
    const ranges = await foldingRanges('gifford-1951.txt');
    assert.ok(ranges.some((r) => r.start === 21 && r.end >= 24),
      `no folding range for the notes block (lines 21-24); ranges: ${list(ranges)}`);
  });
});
