import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoService } from '../../server/src/service';
import { seedDoc } from '../util/seed';
import { doc, joinLines } from '../util/text';

describe('foldingRanges', () => {
  test('each numbered point folds from its label to its item', () => {
    const ranges = createMemoService().foldingRanges(seedDoc());
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine]),
      [[32, 33], [34, 35], [36, 37], [38, 39], [40, 41]],
    );
  });

  test('the notes block and a multi-paragraph note fold', () => {
    const text = joinLines('Title', '', 'Body.1 More.2', '  1. One.', '  2. Two,', '     continued.');
    const ranges = createMemoService().foldingRanges(doc(text));
    assert.deepEqual(ranges.map((r) => [r.startLine, r.endLine, r.kind]), [[3, 5, 'comment'], [4, 5, undefined]]);
  });
});
