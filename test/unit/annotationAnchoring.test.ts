import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { AnchorText, anchorQuote, type Anchor } from '../../server/src/service/annotations/anchoring';
import { SourceText, createAnnotation, targetFor, type WebAnnotation } from '../../server/src/service/annotations/model';
import { parseAnnotationFile, serializeAnnotationFile, emptyFile } from '../../server/src/service/annotations/serialize';
import { anchorAll, anchorOne, diffTexts, followEdit } from '../../server/src/service/annotations/tracking';
import { SEED_TEXT } from '../util/seed';

/** Annotates the `nth` occurrence (0-based) of `phrase` in `text`. */
function annotate(text: string, phrase: string, nth = 0): { annotation: WebAnnotation; start: number; end: number } {
  let start = -1;
  for (let k = 0; k <= nth; k++) start = text.indexOf(phrase, start + 1);
  assert.ok(start >= 0, `fixture: occurrence ${nth} of “${phrase}”`);
  const end = start + phrase.length;
  const target = targetFor(new SourceText(text), 'kennan-1951.memo', start, end, null);
  return { annotation: createAnnotation('urn:uuid:test', '2024-01-01T00:00:00.000Z', { text: 'note', tags: [] }, target), start, end };
}

const at = (text: string) => new AnchorText(new SourceText(text));
const words = (text: string, a: Anchor) => text.slice(a.start, a.end);
/** Re-anchors from the stored selectors only, as after a change on disk. */
const fromFile = (text: string, a: WebAnnotation) => anchorOne(at(text), a);
/** Follows one edit from `before` to `after` with the cheap path. */
function follow(before: string, after: string, a: WebAnnotation, start: number, end: number): Anchor {
  const anchors = new Map([[a.id, { status: 'anchored', start, end, confidence: 1, method: 'position' } as Anchor]]);
  return followEdit(before, at(after), [a], anchors).get(a.id)!;
}

const PHRASE = 'a greater freedom of exchange';
const SENTENCE = ' The weather was fine and the tea was strong.';

describe('annotation anchoring', () => {
  test('an unchanged text anchors by position', () => {
    const { annotation, start, end } = annotate(SEED_TEXT, PHRASE);
    assert.deepEqual(fromFile(SEED_TEXT, annotation), { status: 'anchored', start, end, confidence: 1, method: 'position' });
  });

  test('edits before, inside and after the passage keep the note on the same words (editor, cheap path)', () => {
    const { annotation, start, end } = annotate(SEED_TEXT, PHRASE);
    const before = SEED_TEXT.slice(0, 100) + SENTENCE + SEED_TEXT.slice(100);
    const a1 = follow(SEED_TEXT, before, annotation, start, end);
    assert.equal(a1.status, 'anchored');
    assert.equal(words(before, a1), PHRASE);
    assert.equal(a1.start, start + SENTENCE.length);

    const after = SEED_TEXT.slice(0, end + 5) + SENTENCE + SEED_TEXT.slice(end + 5);
    const a2 = follow(SEED_TEXT, after, annotation, start, end);
    assert.deepEqual([a2.status, a2.start, a2.end], ['anchored', start, end]);

    const cut = start + 'a greater'.length;
    const inside = SEED_TEXT.slice(0, cut) + ' and wider' + SEED_TEXT.slice(cut);
    const a3 = follow(SEED_TEXT, inside, annotation, start, end);
    assert.equal(words(inside, a3), 'a greater and wider freedom of exchange');
    assert.equal(a3.status, 'moved', 'words were added inside: flagged, not silently anchored');
    assert.ok(a3.confidence > 0.5 && a3.confidence < 1, String(a3.confidence));
  });

  test('typing the passage’s first word again just before it does not stretch it', () => {
    const { annotation, start, end } = annotate(SEED_TEXT, PHRASE);
    const typed = SEED_TEXT.slice(0, start) + 'a ' + SEED_TEXT.slice(start);
    // The diff alone would put the insertion inside the passage ("a a greater…").
    assert.ok(diffTexts(SEED_TEXT, typed)!.start > start);
    const a = follow(SEED_TEXT, typed, annotation, start, end);
    assert.deepEqual([a.status, words(typed, a)], ['anchored', PHRASE]);
  });

  test('a changed file on disk: sentences inserted before and after re-anchor on the same words', () => {
    const { annotation } = annotate(SEED_TEXT, PHRASE);
    const i = SEED_TEXT.indexOf(PHRASE);
    const changed = SEED_TEXT.slice(0, 50) + SENTENCE + SEED_TEXT.slice(50, i + PHRASE.length + 3) + SENTENCE + SEED_TEXT.slice(i + PHRASE.length + 3);
    const a = fromFile(changed, annotation);
    assert.deepEqual([a.status, a.method, words(changed, a)], ['anchored', 'quote', PHRASE]);
  });

  test('a corrected word is found as moved, with a confidence below exact', () => {
    const phrase = 'the dilemma we would be in if the Chinese Communist forces just disappeared again';
    const { annotation } = annotate(SEED_TEXT, phrase);
    const corrected = SEED_TEXT.replace('dilemma we would be in', 'dilemma we should be in');
    const a = fromFile(corrected, annotation);
    assert.equal(a.status, 'moved');
    assert.equal(a.method, 'fuzzy');
    assert.ok(a.confidence >= 0.7 && a.confidence < 1, String(a.confidence));
    assert.equal(words(corrected, a), phrase.replace('would', 'should'));
    assert.match(a.reason ?? '', /changed/);
  });

  test('a paragraph moved to the end keeps its notes on the same words', () => {
    const para = SEED_TEXT.split('\n\n').find((p) => p.startsWith('I pointed out'))!;
    const phrase = 'reassemble their forces and intervene again';
    const { annotation } = annotate(SEED_TEXT, phrase);
    const moved = `${SEED_TEXT.replace(`${para}\n\n`, '').trimEnd()}\n\n${para}\n`;
    assert.notEqual(moved.indexOf(phrase), SEED_TEXT.indexOf(phrase));
    const a = fromFile(moved, annotation);
    assert.deepEqual([a.status, a.start, words(moved, a)], ['anchored', moved.indexOf(phrase), phrase]);

    // A whole paragraph as the passage: its surroundings are new, but it is long and unique.
    const whole = annotate(SEED_TEXT, para).annotation;
    const b = fromFile(moved, whole);
    assert.deepEqual([b.status, words(moved, b)], ['anchored', para]);
  });

  test('a repeated quote is told apart by its prefix and suffix', () => {
    const phrase = 'the Soviet Government';
    const count = SEED_TEXT.split(phrase).length - 1;
    assert.ok(count >= 5, 'fixture: the phrase repeats');
    for (const nth of [0, 2, count - 1]) {
      const { annotation, start } = annotate(SEED_TEXT, phrase, nth);
      // A sentence with the same phrase inserted at the top shifts every occurrence and adds a look-alike.
      const extra = `As for ${phrase}, nothing was said. `;
      const changed = SEED_TEXT.slice(0, 15) + extra + SEED_TEXT.slice(15);
      const a = fromFile(changed, annotation);
      assert.equal(a.status, 'anchored', `occurrence ${nth}`);
      assert.equal(a.start, start + extra.length, `occurrence ${nth} stays on its own words`);
    }
  });

  test('repeats with identical surroundings are flagged as moved, never anchored silently', () => {
    const para = 'The Minister said that the Soviet Government wanted peace.';
    const text = `${para}\n\nA paragraph between.\n\n${para}\n`;
    const { annotation } = annotate(text, 'the Soviet Government', 1);
    const changed = `Heading\n\n${para}\n\n${para}\n\nA paragraph between.\n`;
    const a = fromFile(changed, annotation);
    assert.equal(a.status, 'moved');
    assert.match(a.reason ?? '', /2 times/);
  });

  test('[sic], [the] and a page marker inserted inside the quote still match', () => {
    const phrase = 'good reason on our part for making the inquiry';
    const { annotation } = annotate(SEED_TEXT, phrase);
    for (const edited of ['good reason [sic] on our part for making the inquiry', 'good reason on [the] our part for making the inquiry',
      'good reason on our part [Page 508] for making the inquiry']) {
      const changed = SEED_TEXT.replace(phrase, edited);
      const a = fromFile(changed, annotation);
      assert.equal(a.status, 'anchored', edited);
      assert.equal(words(changed, a), edited);
    }
    // And the other way round: a quote that held a page marker matches the text without it.
    const spanning = annotate(SEED_TEXT, 'some effort be [Page 508] made to see').annotation;
    const unmarked = SEED_TEXT.replace('be [Page 508] made', 'be made');
    const b = fromFile(unmarked, spanning);
    assert.deepEqual([b.status, words(unmarked, b)], ['anchored', 'some effort be made to see']);
  });

  test('a deleted passage is orphaned, and the note is still in the file', () => {
    const para = SEED_TEXT.split('\n\n').find((p) => p.startsWith('He did not know whether'))!;
    const { annotation } = annotate(SEED_TEXT, 'his personal advice');
    const deleted = SEED_TEXT.replace(`${para}\n\n`, '');
    const a = fromFile(deleted, annotation);
    assert.deepEqual([a.status, a.start, a.confidence], ['orphaned', -1, 0]);
    const file = { ...emptyFile('urn:uuid:c'), annotations: [annotation] };
    const anchors = anchorAll(at(deleted), file.annotations);
    assert.equal(anchors.get(annotation.id)!.status, 'orphaned');
    const reread = parseAnnotationFile(serializeAnnotationFile(file));
    assert.ok(reread.ok && reread.file.annotations.some((x) => x.id === annotation.id), 'the orphan stays in the file');
  });

  test('a deleted short passage with look-alikes elsewhere is not anchored to a look-alike', () => {
    const phrase = 'in Korea';
    assert.ok(SEED_TEXT.split(phrase).length > 3, 'fixture: look-alikes exist');
    const { annotation, start } = annotate(SEED_TEXT, phrase, 1);
    const sentenceStart = SEED_TEXT.lastIndexOf('.', start) + 1;
    const sentenceEnd = SEED_TEXT.indexOf('.', start) + 1;
    const deleted = SEED_TEXT.slice(0, sentenceStart) + SEED_TEXT.slice(sentenceEnd);
    const a = fromFile(deleted, annotation);
    assert.notEqual(a.status, 'anchored');
  });

  test('line endings: a note made on LF text anchors in the CRLF file and the other way round', () => {
    const { annotation } = annotate(SEED_TEXT, 'My host then stated');
    const crlf = SEED_TEXT.replace(/\n/g, '\r\n');
    const a = fromFile(crlf, annotation);
    assert.deepEqual([a.status, a.method, words(crlf, a)], ['anchored', 'position', 'My host then stated']);
    const multi = annotate(crlf, 'accordingly.\r\n\r\nI pointed out').annotation;
    const b = fromFile(SEED_TEXT, multi);
    assert.deepEqual([b.status, words(SEED_TEXT, b)], ['anchored', 'accordingly.\n\nI pointed out']);
  });

  test('property: edits away from the passage never leave it anchored on other words', () => {
    const { annotation, start, end } = annotate(SEED_TEXT, 'the Soviet Government', 3);
    const pieces = ['the Soviet Government', 'the Soviet Government wished', ' [sic]', '\n\n', 'Korea', 'peace ', 'x'];
    fc.assert(fc.property(
      fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 40 }), ins: fc.constantFrom(...pieces) }), { minLength: 1, maxLength: 6 }),
      (edits) => {
        let text = SEED_TEXT;
        let s = start;
        let e = end;
        for (const ed of edits) {
          // Keep every edit at least 40 characters away from the passage: its context may change, not its words.
          const room = text.length - (e - s) - 80;
          let pos = ed.at % Math.max(1, room);
          pos = pos < s - 40 ? pos : pos + (e - s) + 80;
          if (pos > text.length) continue;
          const del = Math.min(ed.del, pos < s ? s - 40 - pos : text.length - pos);
          if (del < 0) continue;
          text = text.slice(0, pos) + ed.ins + text.slice(pos + del);
          if (pos < s) {
            s += ed.ins.length - del;
            e += ed.ins.length - del;
          }
        }
        const a = fromFile(text, annotation);
        if (a.status === 'anchored') assert.deepEqual([a.start, a.end], [s, e], 'anchored means on the same words');
        else assert.notEqual(a.status, 'orphaned', 'the words are still there: at worst flagged as moved');
      },
    ), { numRuns: 150, seed: 4 });
  });
});
