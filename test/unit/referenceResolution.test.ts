/**
 * Tying references to notes when the text is damaged or holds look-alike numbers: the cases a
 * transcription check must be able to trust (a real reference is never traded for a look-alike).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseMemo } from '../../server/src/service/parser/parse';
import { CORPUS_DIR } from '../util/corpus';
import { joinLines } from '../util/text';

const D95 = readFileSync(join(CORPUS_DIR, 'frus', 'frus1951v07p2_d95.txt'), 'utf8');
const labelsAndNotes = (text: string) => {
  const memo = parseMemo(text).memos[0];
  return memo.refs.map((r) => `${text.slice(r.start - 4, r.end)}→${r.note + 1}`);
};

describe('reference resolution', () => {
  test('model numbers and codes glued to letters (MIG15, B29) do not displace real references', () => {
    const text = D95.replace('It must be remembered', 'The MIG15 and the B29 were mentioned. It must be remembered');
    assert.deepEqual(labelsAndNotes(text), labelsAndNotes(D95));
    assert.equal(labelsAndNotes(D95).length, 4);
  });

  test('a reference whose note was lost is left unmatched rather than shifting every later reference', () => {
    const lines = D95.split('\n');
    const lastNote = lines.findIndex((l) => l.startsWith('  4. '));
    const text = lines.filter((_, i) => i !== lastNote).join('\n');
    const got = labelsAndNotes(text);
    const full = labelsAndNotes(D95);
    assert.deepEqual(got, full.slice(0, 3), 'the first three references keep their notes');
  });

  test('a notes block that skips a number or has a blank line stays one memo', () => {
    const text = joinLines('Title', '', 'One.1 Two.2 Three.3', '  1. Note one.', '  3. Note three.', '', '  4. Note four.');
    const model = parseMemo(text);
    assert.equal(model.memos.length, 1);
    assert.deepEqual(model.memos[0].notes.map((n) => n.label), ['1', '3', '4']);
    assert.equal(model.memos[0].title?.text, 'Title');
  });
});
