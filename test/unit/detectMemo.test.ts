import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectMemo } from '../../common/detectMemo';
import { corpusDocuments } from '../util/corpus';

describe('detectMemo', () => {
  test('every corpus document with markers, notes or a file number is recognised', () => {
    for (const d of corpusDocuments()) {
      const expected = d.truth.pageMarkers.length > 0 || d.truth.footnoteRefs.length > 0 || /^(File No\. )?\d/.test(d.truth.fileNumber ?? '');
      assert.equal(detectMemo(d.text).memo, expected, d.name);
    }
  });

  test('ordinary plain text is left alone', () => {
    for (const text of ['', 'Shopping list\n\n  1. milk\n  2. eggs\n', 'Meeting at 10.30 on page 4.\n', 'README\n\nSee [Page] and 1999.\n']) {
      assert.equal(detectMemo(text).memo, false, JSON.stringify(text));
    }
  });
});
