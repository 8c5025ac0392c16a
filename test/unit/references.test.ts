import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoService } from '../../server/src/service';
import { doc, joinLines } from '../util/text';

const text = joinLines('Title', '', 'One.1 Two.2 Again.2', '  1. First note.', '  2. Second note.');

describe('references', () => {
  test('from a note: every reference, with or without the declaration', () => {
    const service = createMemoService();
    const d = doc(text);
    const refs = service.references(d, { line: 4, character: 2 }, false);
    // Printed labels 1, 2, 2 for two notes: one of the 2s is not a reference (notes tie by order).
    assert.equal(refs.length, 1);
    const withDecl = service.references(d, { line: 4, character: 2 }, true);
    assert.equal(withDecl.length, 2);
    assert.deepEqual(withDecl[1].range.start, { line: 4, character: 2 });
  });

  test('from a reference: the same set', () => {
    const service = createMemoService();
    const d = doc(text);
    const fromRef = service.references(d, { line: 2, character: 4 }, false);
    assert.deepEqual(fromRef.map((l) => l.range.start), [{ line: 2, character: 4 }]);
    assert.deepEqual(service.references(d, { line: 0, character: 1 }, true), []);
  });
});
