/**
 * Incremental parsing equals a full parse: random edits of corpus text and of hostile memo-like
 * text, one at a time and several per change; the piece text and line index kept by the server's
 * documents equal what a fresh build gives; and the server's document store keeps the cached
 * model equal to a parse of its text. Seeded, so a failure reproduces.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DocumentCache } from '../../server/src/service/documentCache';
import { MemoTextDocument, memoDocuments } from '../../server/src/service/memoDocument';
import { composeEdits, reparse } from '../../server/src/service/parser/incremental';
import { LineIndex } from '../../server/src/service/parser/lineIndex';
import type { MemoModel } from '../../server/src/service/parser/model';
import { parseMemo, parseState, type ParseState } from '../../server/src/service/parser/parse';
import { PieceText } from '../../server/src/service/parser/pieceText';
import { corpusTexts, edits, lineEdits, lineText, memoText, place, placeLines, type RawEdit } from '../util/arbitraries';

/** What a model says, as plain data. */
function plain(model: MemoModel): unknown {
  return { text: model.text, starts: Array.from(model.lines.starts), memos: model.memos, pageMarkers: model.pageMarkers };
}

/** Applies raw edits one by one to the text, the piece text, the line index and (per edit or at once) the parse. */
function run(base: string, raw: RawEdit[], batch: boolean, byLines = false): { text: string; state: ParseState } {
  let text = base;
  let source = PieceText.of(base);
  let lines = new LineIndex(source);
  let state = parseState(source, lines);
  const applied: Array<{ start: number; end: number; text: string }> = [];
  for (const r of raw) {
    const e = byLines ? placeLines(r, text) : place(r, text.length);
    const next = text.slice(0, e.start) + e.text + text.slice(e.end);
    const nextSource = source.edit(e.start, e.end, e.text);
    const nextLines = lines.edit(nextSource, e.start, e.end, e.text);
    assert.equal(nextSource.toString(), next, 'piece text');
    assert.deepEqual(Array.from(nextLines.starts), Array.from(new LineIndex(next).starts), 'line index');
    if (!batch) state = reparse(state, nextSource, nextLines, e.start, e.end, e.start + e.text.length);
    applied.push(e);
    text = next;
    source = nextSource;
    lines = nextLines;
  }
  if (batch) {
    const c = composeEdits(applied)!;
    state = reparse(state, source, lines, c.start, c.oldEnd, c.newEnd);
  }
  return { text, state };
}

function assertSameAsFull(text: string, state: ParseState): void {
  const full = parseState(text);
  assert.deepEqual(plain(state.model), plain(full.model));
  assert.deepEqual(state.memoLines, full.memoLines, 'memo starts');
}

const corpus = corpusTexts();

describe('incremental parse', () => {
  test('random edits of corpus documents equal a full parse (edit by edit, and composed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), edits(4), fc.boolean(), (i, raw, batch) => {
        const { text, state } = run(corpus[i], raw, batch);
        assertSameAsFull(text, state);
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });

  test('random edits of hostile memo-like text equal a full parse', () => {
    fc.assert(
      fc.property(memoText(120), edits(4), fc.boolean(), (base, raw, batch) => {
        const { text, state } = run(base, raw, batch);
        assertSameAsFull(text, state);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  test('line-level edits of notes blocks, heads and bodies equal a full parse', () => {
    fc.assert(
      fc.property(lineText(40), lineEdits(3), fc.boolean(), (base, raw, batch) => {
        const { text, state } = run(base, raw, batch, true);
        assertSameAsFull(text, state);
      }),
      { numRuns: 600, seed: 12 },
    );
  });

  test('edits that move memo boundaries', () => {
    const a = 'First memo1\n\nbody\n\n  1. Note one.\n';
    const b = '\n795.00/5–2551\n\nSecond memo2\n\ntext\n\n  1. Its note.\n\n';
    const grown = 'Memo1\n\n  1. One.\n  2. Two.\n\n\n\nLater text.\n';
    const shrunk = 'Memo1\n\n  1. One.\n  2. Two.\n\n\n\n  3. Three.\n\nMore.\n';
    const cases: Array<[string, RawEdit[]]> = [
      // Delete the first memo's notes block: the two memos merge (and the file number splits them again).
      [a + b, [[a.indexOf('  1.'), 16, '']]],
      // Turn the line after a notes block into a note continuation.
      [a + 'after\n' + b, [[a.length, 0, '   ']]],
      // A file-number line appears (blank lines around it) in the middle of a body.
      [a + b, [[a.length + b.indexOf('text'), 0, '795.11/2\n\n']]],
      // Everything after the first memo becomes blank: it runs to the end.
      [a + b, [[a.length, b.length, '\n\n\n']]],
      // `\r\n` made and split by edits, and a byte-order mark inserted in front.
      ['x\r\ny\rz\n', [[2, 0, '\n'], [1, 1, ''], [0, 0, '\ufeff']]],
      // Delete everything, then type again.
      [a + b, [[0, (a + b).length, ''], [0, 0, a]]],
      // A line after blank lines below a notes block becomes its next note: the block (and the
      // memo before the edit's memo) grows across the blank lines.
      [grown, [[grown.indexOf('Later'), 5, '  3. ']]],
      // And the reverse: the third note, after blank lines, stops being one.
      [shrunk, [[shrunk.indexOf('  3.'), 2, 'x']]],
    ];
    for (const [base, raw] of cases) {
      for (const batch of [false, true]) {
        const { text, state } = run(base, raw, batch);
        assertSameAsFull(text, state);
      }
    }
  });

  test('unaffected memos keep their objects; later ones move', () => {
    const memo = (n: number) => `${n}. Title ${n}1\n\nText.\n\n  1. Note ${n}.\n\n`;
    const base = [1, 2, 3, 4, 5].map(memo).join('');
    const before = parseState(base);
    const at = base.indexOf('Text', base.indexOf('3. Title'));
    const source = PieceText.of(base).edit(at, at, 'More ');
    const lines = new LineIndex(base).edit(source, at, at, 'More ');
    const after = reparse(before, source, lines, at, at, at + 5);
    assert.equal(after.model.memos[0], before.model.memos[0], 'memo 1 untouched');
    assert.notEqual(after.model.memos[4], before.model.memos[4], 'memo 5 moved');
    assert.equal(after.model.memos[4].start, before.model.memos[4].start + 5);
    assertSameAsFull(source.toString(), after);
  });

  test('composeEdits covers every edit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 5 }), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 }), (base, raw) => {
        let text = base;
        const applied = [];
        for (const r of raw) {
          const e = place(r, text.length);
          text = text.slice(0, e.start) + e.text + text.slice(e.end);
          applied.push(e);
        }
        const c = composeEdits(applied)!;
        // Outside the composed region the texts agree.
        assert.equal(text.slice(0, c.start), base.slice(0, c.start));
        assert.equal(text.slice(c.newEnd), base.slice(c.oldEnd));
        assert.equal(text.length - base.length, c.newEnd - c.oldEnd);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});

describe('server documents', () => {
  test('the store keeps the cached model equal to a parse of the text, through LSP changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: corpus.length - 1 }), edits(5), fc.boolean(), (i, raw, askBetween) => {
        const cache = new DocumentCache();
        const store = memoDocuments(cache);
        const doc = store.create('file:///a.memo', 'memo', 1, corpus[i]);
        cache.get(doc);
        let version = 1;
        for (const r of raw) {
          const e = place(r, doc.getText().length);
          const range = { start: doc.positionAt(e.start), end: doc.positionAt(e.end) };
          store.update(doc, [{ range, text: e.text }], ++version);
          if (askBetween) cache.get(doc);
        }
        assert.equal(doc.version, version);
        assert.deepEqual(plain(cache.get(doc)), plain(parseMemo(doc.getText())));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  test('several changes in one notification, a full replacement, and reversed ranges', () => {
    const cache = new DocumentCache();
    const store = memoDocuments(cache);
    const doc = store.create('file:///b.memo', 'memo', 1, corpus[0]);
    cache.get(doc);
    store.update(doc, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'Inserted line\n' },
      { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 0 } }, text: '' },
      { range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 5 } }, text: '\n  1. A note at the end.' },
    ], 2);
    assert.deepEqual(plain(cache.get(doc)), plain(parseMemo(doc.getText())));
    assert.ok(doc.getText().startsWith(corpus[0].slice(3, 10)));
    store.update(doc, [{ text: 'Replaced\n\n  1. Whole.' }], 3);
    assert.equal(doc.getText(), 'Replaced\n\n  1. Whole.');
    assert.deepEqual(plain(cache.get(doc)), plain(parseMemo('Replaced\n\n  1. Whole.')));
    assert.ok(doc instanceof MemoTextDocument);
    assert.equal(doc.lineCount, 3);
    assert.deepEqual(doc.getLineRange(0), { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    assert.equal(doc.getEOLCharacters(0), '\n');
  });
});
