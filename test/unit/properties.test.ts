/**
 * Properties of the model for any text (fast-check, seeded and bounded): the parser never throws
 * nor falls back to an empty model, every span lies inside the document and in order, parsing is
 * deterministic, incremental updates equal full parses, and the conversions round-trip
 * (positions <-> offsets, UTF-16 <-> code points, piece text <-> string).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CodePoints } from '../../server/src/service/annotations/text';
import { reparse } from '../../server/src/service/parser/incremental';
import { LineIndex } from '../../server/src/service/parser/lineIndex';
import type { Memo, MemoModel, Span } from '../../server/src/service/parser/model';
import { parseMemo, parseState } from '../../server/src/service/parser/parse';
import { PieceText } from '../../server/src/service/parser/pieceText';
import { corpusTexts, edits, memoText, place } from '../util/arbitraries';

/** Any text: memo-like mixes, arbitrary UTF-16 (lone surrogates too), and corpus documents cut anywhere. */
const anyText = fc.oneof(
  memoText(150),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.string({ maxLength: 200, unit: fc.constantFrom('\n', '\r', ' ', '1', '.', '[', ']', 'a', '\ud83d', '\ude00', '\ufeff') }),
  fc.tuple(fc.constantFrom(...corpusTexts()), fc.nat(), fc.nat()).map(([t, a, b]) => t.slice(Math.min(a, b) % (t.length + 1), Math.max(a, b) % (t.length + 1))),
);

/** Every span of a memo, named, for the range checks. */
function spansOf(memo: Memo): Array<[string, Span]> {
  const out: Array<[string, Span]> = [];
  const add = (name: string, list: Span[]) => list.forEach((s, i) => out.push([`${name}[${i}]`, s]));
  if (memo.fileNumber) out.push(['fileNumber', memo.fileNumber]);
  if (memo.title) out.push(['title', memo.title]);
  if (memo.notesBlock) out.push(['notesBlock', memo.notesBlock]);
  add('titleLines', memo.titleLines);
  add('datelines', memo.datelines);
  add('classifications', memo.classifications);
  add('paragraphs', memo.paragraphs);
  add('points', memo.points);
  add('point labels', memo.points.map((p) => p.labelSpan));
  add('pageMarkers', memo.pageMarkers);
  add('refs', memo.refs);
  add('notes', memo.notes);
  add('note labels', memo.notes.map((n) => n.labelSpan));
  add('insertions', memo.insertions);
  add('quotations', memo.quotations);
  return out;
}

function sortedByStart(list: Span[]): boolean {
  return list.every((s, i) => i === 0 || list[i - 1].start <= s.start);
}

function checkModel(text: string, model: MemoModel): void {
  assert.equal(model.text, text);
  let previousEnd = 0;
  for (const memo of model.memos) {
    assert.ok(memo.start >= previousEnd && memo.start <= memo.end && memo.end <= text.length, `memo [${memo.start}, ${memo.end})`);
    previousEnd = memo.end;
    for (const [name, s] of spansOf(memo)) {
      assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${name} integral`);
      assert.ok(s.start >= memo.start && s.start <= s.end && s.end <= memo.end, `${name} [${s.start}, ${s.end}) inside memo [${memo.start}, ${memo.end})`);
    }
    for (const list of [memo.paragraphs, memo.points, memo.pageMarkers, memo.refs, memo.notes, memo.insertions, memo.quotations, memo.datelines]) {
      assert.ok(sortedByStart(list), 'in order');
    }
    memo.refs.forEach((ref, i) => {
      assert.ok(ref.note >= 0 && ref.note < memo.notes.length, 'a reference points to a note');
      assert.ok(memo.notes[ref.note].refs.includes(i), 'and the note points back');
      assert.equal(text.slice(ref.start, ref.end), ref.label, 'the label is the text');
    });
    for (const marker of memo.pageMarkers) assert.equal(text.slice(marker.start, marker.end), `[Page ${marker.page}]`);
  }
  assert.deepEqual(model.pageMarkers, model.memos.flatMap((m) => m.pageMarkers));
}

describe('model properties', () => {
  test('for any text the parser answers, without falling back, with every span inside the text and in order', () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      fc.assert(
        fc.property(anyText, (text) => {
          const model = parseMemo(text);
          checkModel(text, model);
          assert.deepEqual(errors, [], 'the parser reported a failure');
        }),
        { numRuns: 1500, seed: 42 },
      );
    } finally {
      console.error = original;
    }
  });

  test('parsing is deterministic', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        assert.deepEqual(parseMemo(text).memos, parseMemo(text).memos);
      }),
      { numRuns: 300, seed: 43 },
    );
  });

  test('incremental updates equal full parses, for any text and edits', () => {
    fc.assert(
      fc.property(anyText, edits(3), (base, raw) => {
        let source = PieceText.of(base);
        let lines = new LineIndex(source);
        let state = parseState(source, lines);
        for (const r of raw) {
          const e = place(r, source.length);
          const next = source.edit(e.start, e.end, e.text);
          lines = lines.edit(next, e.start, e.end, e.text);
          state = reparse(state, next, lines, e.start, e.end, e.start + e.text.length);
          source = next;
        }
        const full = parseMemo(source.toString());
        assert.deepEqual(state.model.memos, full.memos);
        assert.deepEqual(Array.from(state.model.lines.starts), Array.from(full.lines.starts));
      }),
      { numRuns: 500, seed: 44 },
    );
  });

  test('positions and offsets round-trip', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), (text, n) => {
        const lines = new LineIndex(text);
        const offset = n % (text.length + 1);
        const position = lines.positionAt(offset);
        assert.ok(lines.contains(position), 'positionAt gives a position inside the text');
        // An offset inside a line break comes back as the end of its line.
        assert.equal(lines.offsetAt(position), Math.min(offset, lines.lineEnd(position.line)));
        assert.deepEqual(lines.positionAt(lines.offsetAt(position)), position);
        // Every line start is a position of character 0.
        const line = n % lines.lineCount;
        assert.deepEqual(lines.positionAt(lines.starts[line]), { line, character: 0 });
      }),
      { numRuns: 1000, seed: 45 },
    );
  });

  test('UTF-16 offsets and code points round-trip', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom('a', '1', '\n', '😀', '𝐀', '\ud83d', '\ude00', 'é') }), fc.nat(), (text, n) => {
        const cp = new CodePoints(text);
        assert.equal(cp.length, Array.from(text).length);
        const point = n % (cp.length + 1);
        assert.equal(cp.fromUtf16(cp.toUtf16(point)), point);
        assert.equal(cp.toUtf16(point), Array.from(text).slice(0, point).join('').length);
        const offset = n % (text.length + 1);
        const insidePair = offset > 0 && offset < text.length && /[\ud800-\udbff]/.test(text[offset - 1]) && /[\udc00-\udfff]/.test(text[offset]);
        if (!insidePair) assert.equal(cp.toUtf16(cp.fromUtf16(offset)), offset);
      }),
      { numRuns: 1000, seed: 46 },
    );
  });

  test('a piece text reads like the string it stands for', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpusTexts()), edits(6), fc.nat(), fc.nat(), (base, raw, a, b) => {
        let text = base;
        let source = PieceText.of(base);
        for (const r of raw) {
          const e = place(r, text.length);
          text = text.slice(0, e.start) + e.text + text.slice(e.end);
          source = source.edit(e.start, e.end, e.text);
        }
        assert.equal(source.length, text.length);
        const from = Math.min(a, b) % (text.length + 1);
        const to = Math.max(a, b) % (text.length + 1);
        assert.equal(source.slice(from, to), text.slice(from, to));
        assert.equal(source.charCodeAt(from), text.charCodeAt(from));
        assert.equal(source.toString(), text);
      }),
      { numRuns: 300, seed: 47 },
    );
  });
});
