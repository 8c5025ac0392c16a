import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { createMemoService } from '../../server/src/service';
import { seedDoc } from '../util/seed';

describe('documentHighlights', () => {
  test('a reference and its note light up together', () => {
    const hl = createMemoService().documentHighlights(seedDoc(), { line: 2, character: 66 });
    assert.deepEqual(
      hl.map((h) => [h.range.start, h.kind]),
      [
        [{ line: 47, character: 2 }, DocumentHighlightKind.Write],
        [{ line: 2, character: 66 }, DocumentHighlightKind.Read],
      ],
    );
    assert.deepEqual(createMemoService().documentHighlights(seedDoc(), { line: 4, character: 3 }), []);
  });
});
