import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { createMemoService } from '../../server/src/service';
import { corpusDocuments } from '../util/corpus';
import { seedDoc } from '../util/seed';
import { doc, joinLines } from '../util/text';

const value = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

describe('hover', () => {
  test('on a page marker: which page begins, where the previous began, how to cite', () => {
    const h = createMemoService().hover(seedDoc(), { line: 22, character: 550 });
    assert.match(value(h), /\*\*Page 509\*\* begins here \(line 23\)/);
    assert.match(value(h), /Page 508 began at line 9/);
    assert.match(value(h), /p\. 509/);
    const first = createMemoService().hover(seedDoc(), { line: 8, character: 1314 });
    assert.match(value(first), /before this marker lies on page 507/);
  });

  test('on a footnote reference: the note’s full text', () => {
    const h = createMemoService().hover(seedDoc(), { line: 2, character: 66 });
    assert.match(value(h), /^\*\*Footnote 1\*\*/);
    assert.match(value(h), /A typewritten note attached to the source text.*\(see footnote 4, p\. 462\)\./s);
    assert.deepEqual(h?.range, { start: { line: 2, character: 66 }, end: { line: 2, character: 67 } });
  });

  test('on a page reference in the text', () => {
    const text = joinLines('Title', '', 'Text [Page 462] more, see p. 462 and pp. 900–901.');
    const service = createMemoService();
    const local = service.hover(doc(text, 'file:///a.memo'), { line: 2, character: 30 });
    assert.match(value(local), /Reference to page 462/);
    assert.match(value(local), /begins at line 3 of this document/);
    const elsewhere = service.hover(doc(text, 'file:///a.memo'), { line: 2, character: 40 }, (p) => (p === '900' ? 'in b.memo, line 7' : null));
    assert.match(value(elsewhere), /pages 900–901/);
    assert.match(value(elsewhere), /Page 900: in b\.memo, line 7/);
  });

  test('no hover on ordinary words or out of range', () => {
    const service = createMemoService();
    assert.equal(service.hover(seedDoc(), { line: 4, character: 10 }), null);
    assert.equal(service.hover(seedDoc(), { line: 400, character: 0 }), null);
  });

  test('every corpus reference hovers with its note text, every marker with its page', () => {
    const service = createMemoService();
    for (const d of corpusDocuments()) {
      const td = doc(d.text, `file:///${d.name}.memo`);
      for (const ref of d.truth.footnoteRefs) {
        const text = d.truth.footnotes[ref.target].text;
        assert.ok(value(service.hover(td, ref)).endsWith(text), `${d.name} ${ref.line}`);
      }
      for (const marker of d.truth.pageMarkers) {
        assert.match(value(service.hover(td, { line: marker.line, character: marker.character + 1 })), new RegExp(`\\*\\*Page ${marker.page}\\*\\*`));
      }
    }
  });
});

describe('hover: page references that are not pages of this volume', () => {
  test('times of day are not page references; other works are named', () => {
    const text = joinLines('Title', '', 'At 5 p.m. and 4 p. m. he cited Foreign Relations, 1950, vol. vi, p. 606, and ante, p. 3.');
    const service = createMemoService();
    const d = doc(text, 'file:///times.memo');
    assert.equal(service.hover(d, { line: 2, character: 6 }), null);
    assert.equal(service.hover(d, { line: 2, character: 18 }), null);
    const other = service.hover(d, { line: 2, character: 69 }, () => 'in b.memo, line 7');
    assert.match(value(other), /Foreign Relations, 1950, vol\. vi/);
    assert.doesNotMatch(value(other), /b\.memo/);
    const own = service.hover(d, { line: 2, character: 84 }, (p) => (p === '3' ? 'in c.memo, line 2' : null));
    assert.match(value(own), /Page 3: in c\.memo, line 2/);
  });
});
