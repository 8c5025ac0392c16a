import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SelectionRange } from 'vscode-languageserver-types';
import { createMemoService } from '../../server/src/service';
import { seedDoc, SEED_TEXT } from '../util/seed';

function chain(r: SelectionRange | undefined): string[] {
  const lines = SEED_TEXT.split('\n');
  const out: string[] = [];
  for (; r; r = r.parent) {
    const { start, end } = r.range;
    out.push(start.line === end.line ? lines[start.line].slice(start.character, end.character) : `${start.line}-${end.line}`);
  }
  return out;
}

describe('selectionRanges', () => {
  test('word → sentence → line → point → memo', () => {
    const [r] = createMemoService().selectionRanges(seedDoc(), [{ line: 33, character: 4 }]);
    const c = chain(r);
    assert.equal(c[0], 'was');
    assert.equal(c[1], 'It was plain that he had memorized this statement and attached great importance to it.');
    assert.ok(c[2].startsWith('It was plain') && c[2].endsWith('non-public channel.'));
    assert.equal(c[3], '32-33');
    assert.equal(c[4], '0-47');
  });

  test('out-of-range positions give no ranges', () => {
    assert.deepEqual(createMemoService().selectionRanges(seedDoc(), [{ line: 99, character: 0 }]), []);
  });
});
