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

describe('documentSymbols by page (opt-in)', () => {
  test('seed: points and the note under the page they begin on; each page spans its page and its entries', () => {
    const [root] = createMemoService().documentSymbols(seedDoc(), true);
    const shape = root.children!.map((c) => [c.name, (c.children ?? []).map((g) => g.name.split(' ')[0])]);
    assert.deepEqual(shape, [
      ['Page 508', []],
      ['Page 509', ['1.', '2.', '3.']],
      ['Page 510', ['4.', '5.']],
      ['Page 511', ['Footnote']],
    ]);
    const [p508, p509] = root.children!;
    assert.deepEqual(p508.selectionRange.start, { line: 8, character: 1313 });
    assert.deepEqual(p508.range.end, { line: 22, character: 546 }, 'page 508 ends where page 509 begins');
    // Point 3 begins on page 509 and runs on over [Page 510]: page 509 holds all of it.
    assert.deepEqual(p509.range.end, p509.children![2].range.end);
    for (const page of root.children!) {
      for (const child of page.children ?? []) {
        const inside = (p: { line: number; character: number }) =>
          (p.line > page.range.start.line || (p.line === page.range.start.line && p.character >= page.range.start.character)) &&
          (p.line < page.range.end.line || (p.line === page.range.end.line && p.character <= page.range.end.character));
        assert.ok(inside(child.range.start) && inside(child.range.end), `${child.name} inside ${page.name}`);
      }
    }
    assert.equal(p509.children!.length, 3);
  });

  test('a memo without markers, and what precedes the first marker, stay under the title', () => {
    const text = joinLines('Title', '', '1.', 'Before any page.', '', 'Text [Page 4] here.', '', '2.', 'On page 4.');
    const [root] = createMemoService().documentSymbols(doc(text, 'file:///bypage.memo'), true);
    assert.deepEqual(root.children!.map((c) => [c.name, (c.children ?? []).map((g) => g.name)]), [
      ['1. Before any page.', []],
      ['Page 4', ['2. On page 4.']],
    ]);
    const [flat] = createMemoService().documentSymbols(doc(text, 'file:///flat.memo'));
    assert.deepEqual(flat.children!.map((c) => c.name), ['1. Before any page.', 'Page 4', '2. On page 4.']);
  });
});
