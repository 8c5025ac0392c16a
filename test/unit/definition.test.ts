import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoService } from '../../server/src/service';
import { corpusDocuments } from '../util/corpus';
import { seedDoc } from '../util/seed';
import { doc } from '../util/text';

describe('definition', () => {
  test('from the glued reference of the seed title to its note, and from the note back', () => {
    const service = createMemoService();
    const d = seedDoc();
    const [loc] = service.definition(d, { line: 2, character: 66 });
    assert.deepEqual(loc.range, { start: { line: 47, character: 2 }, end: { line: 47, character: 4 } });
    assert.equal(loc.uri, d.uri);
    const back = service.definition(d, { line: 47, character: 3 });
    assert.deepEqual(back.map((l) => l.range.start), [{ line: 2, character: 66 }]);
  });

  test('no definition on ordinary words, and none out of range', () => {
    const service = createMemoService();
    assert.deepEqual(service.definition(seedDoc(), { line: 4, character: 5 }), []);
    assert.deepEqual(service.definition(seedDoc(), { line: 999, character: 0 }), []);
    assert.deepEqual(service.definition(seedDoc(), { line: 2, character: 9999 }), []);
  });

  test('every corpus reference lands on the note its ground truth names', () => {
    const service = createMemoService();
    for (const d of corpusDocuments()) {
      const td = doc(d.text, `file:///${d.name}.memo`);
      for (const ref of d.truth.footnoteRefs) {
        const locs = service.definition(td, { line: ref.line, character: ref.character });
        assert.equal(locs.length, 1, `${d.name} ${ref.line}:${ref.character}`);
        assert.equal(locs[0].range.start.line, d.truth.footnotes[ref.target].line, d.name);
      }
    }
  });
});
