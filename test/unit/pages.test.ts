import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoService } from '../../server/src/service';
import { numberToRoman, previousPage, romanToNumber } from '../../server/src/service/features/pages';
import { corpusDocuments } from '../util/corpus';
import { seedDoc } from '../util/seed';
import { doc } from '../util/text';

describe('pages', () => {
  test('page at the cursor across the seed’s markers', () => {
    const s = createMemoService();
    const d = seedDoc();
    assert.equal(s.pageAt(d, { line: 0, character: 0 }), '507');
    assert.equal(s.pageAt(d, { line: 8, character: 1312 }), '507');
    assert.equal(s.pageAt(d, { line: 8, character: 1313 }), '508');
    assert.equal(s.pageAt(d, { line: 30, character: 0 }), '509');
    assert.equal(s.pageAt(d, { line: 47, character: 5 }), '511');
    assert.equal(s.pageAt(d, { line: 48, character: 0 }), null, 'out of range');
  });

  test('every corpus document: before the first marker the page before it, after each marker its page', () => {
    const s = createMemoService();
    for (const d of corpusDocuments()) {
      const td = doc(d.text, `file:///${d.name}.memo`);
      const markers = d.truth.pageMarkers;
      if (markers.length === 0) {
        assert.equal(s.pageAt(td, { line: 0, character: 0 }), null, d.name);
        continue;
      }
      assert.equal(s.pageAt(td, { line: 0, character: 0 }), String(d.truth.startPage), d.name);
      for (const m of markers) {
        assert.equal(s.pageAt(td, { line: m.line, character: m.character }), String(m.page), d.name);
        if (m.character > 0) assert.equal(s.pageAt(td, { line: m.line, character: m.character - 1 }), String(Number(m.page) - 1), d.name);
      }
    }
  });

  test('roman numerals', () => {
    assert.equal(romanToNumber('xii'), 12);
    assert.equal(romanToNumber('MCMLI'), 1951);
    assert.equal(romanToNumber('abc'), null);
    assert.equal(numberToRoman(14), 'xiv');
    assert.equal(previousPage('xii'), 'xi');
    assert.equal(previousPage('X'), 'IX');
    assert.equal(previousPage('508'), '507');
    assert.equal(previousPage('1'), null);
  });
});
