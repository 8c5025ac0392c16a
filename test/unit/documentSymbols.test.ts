import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoService } from '../../server/src/service';
import { corpusDocuments } from '../util/corpus';
import { seedDoc } from '../util/seed';
import { doc, joinLines } from '../util/text';

describe('documentSymbols', () => {
  test('seed: the title as root, pages, points and the note in document order', () => {
    const [root, ...rest] = createMemoService().documentSymbols(seedDoc());
    assert.equal(rest.length, 0);
    assert.equal(root.name, 'George F. Kennan to the Deputy Under Secretary of State (Matthews)');
    assert.equal(root.detail, '795.00/5–2551');
    assert.deepEqual(root.children?.map((c) => c.name), [
      'Page 508',
      'Page 509',
      '1. It was plain that he had…',
      '2. The words “at the earliest possible…',
      '3. I take this reply to indicate…',
      'Page 510',
      '4. It is significant that on this…',
      '5. While the Soviet Government has been…',
      'Page 511',
      'Footnote 1: A typewritten note attached to the…',
    ]);
    const page = root.children![0];
    assert.deepEqual(page.selectionRange, { start: { line: 8, character: 1313 }, end: { line: 8, character: 1323 } });
    const note = root.children!.at(-1)!;
    assert.deepEqual(note.selectionRange, { start: { line: 47, character: 2 }, end: { line: 47, character: 4 } });
  });

  test('every corpus document: exactly its pages, points and notes, each at its line', () => {
    const service = createMemoService();
    for (const d of corpusDocuments()) {
      const [root] = service.documentSymbols(doc(d.text, `file:///${d.name}.memo`));
      assert.equal(root.name, d.truth.title, d.name);
      const expected = [
        ...d.truth.pageMarkers.map((p) => ({ line: p.line, name: `Page ${p.page}` })),
        ...d.truth.numberedPoints.map((p) => ({ line: p.line, name: p.label })),
        ...d.truth.footnotes.map((n) => ({ line: n.line, name: `Footnote ${n.label}:` })),
      ].sort((a, b) => a.line - b.line);
      const got = (root.children ?? []).map((c) => ({ line: c.selectionRange.start.line, name: c.name }));
      assert.equal(got.length, expected.length, d.name);
      got.forEach((g, i) => {
        assert.equal(g.line, expected[i].line, `${d.name} #${i}`);
        assert.ok(g.name === expected[i].name || g.name.startsWith(`${expected[i].name} `), `${d.name}: ${g.name} vs ${expected[i].name}`);
      });
    }
  });

  test('a text with no title still lists its pages; several memos give several roots', () => {
    const service = createMemoService();
    assert.deepEqual(service.documentSymbols(doc('', 'file:///empty.memo')), []);
    const two = joinLines('611.93B/5–2451', '', 'First1', '', 'A [Page 3] b.', '  1. n', '', '793B.00/5–2951', '', 'Second', '', 'c');
    assert.deepEqual(service.documentSymbols(doc(two)).map((s) => s.name), ['First', 'Second']);
  });
});
