/**
 * Text -> MemoModel. Never throws: any text, however malformed, gets the structure it has.
 *
 * A file is cut into memos (split.ts: a memo ends with its notes block, or where a file-number
 * line starts the next), then each memo is read (memo.ts): head (file number, title, datelines,
 * classifications), body (paragraphs, points, page markers, references, editorial brackets,
 * quotations) and notes. Each memo depends only on its own lines, which is what lets an edit
 * re-read only the memos it touches (incremental.ts).
 */
import { LineIndex } from './lineIndex';
import { LineTable } from './lineTable';
import { readMemo } from './memo';
import type { Memo, MemoModel } from './model';
import type { TextSource } from './pieceText';
import { emptyScan, scanText, type Scan } from './scan';
import { cutMemos } from './split';

/** A parse with what an incremental update needs: each memo's first line. */
export interface ParseState {
  model: MemoModel;
  /** The first line of each memo (its lines run to the next memo's first line). */
  memoLines: number[];
}

/** Builds the model object; its `text` is read from the source only when asked for. */
export function makeModel(source: TextSource, lines: LineIndex, memos: Memo[]): MemoModel {
  const pageMarkers = [];
  for (const memo of memos) for (const marker of memo.pageMarkers) pageMarkers.push(marker);
  const model = { lines, memos, pageMarkers } as unknown as MemoModel;
  // A piece text joins its pieces only when a feature asks for the whole string.
  Object.defineProperty(model, 'text', { get: () => source.toString(), enumerable: true });
  return model;
}

/** Parses lines [from, to) of a text as one memo, reading only those lines. */
export function parseRange(source: TextSource, lines: LineIndex, from: number, to: number): Memo {
  const starts = lines.starts;
  const regionStart = starts[from];
  const regionEnd = to < starts.length ? starts[to] : source.length;
  const src = source.slice(regionStart, regionEnd);
  const table = new LineTable(src, regionStart, starts, source.length, from, to);
  const scan = emptyScan();
  scanText(src, 0, src.length, regionStart, scan);
  return readMemo(table, from, to, scan);
}

/** The items of `list` (sorted by start) from index `at` that start before `end`. */
function take<T extends { start: number }>(list: T[], at: { i: number }, end: number): T[] {
  const from = at.i;
  let i = from;
  while (i < list.length && list[i].start < end) i++;
  at.i = i;
  return from === 0 && i === list.length ? list : list.slice(from, i);
}

/** Parses a whole text, keeping what an incremental update needs. */
export function parseState(source: TextSource, lines: LineIndex = new LineIndex(source)): ParseState {
  try {
    const text = typeof source === 'string' ? source : source.toString();
    const table = new LineTable(text, 0, lines.starts, text.length, 0, lines.lineCount);
    const cut = cutMemos(table, 0, false);
    // One scan of the whole text, dealt out to the memos.
    const scan = emptyScan();
    scanText(text, 0, text.length, 0, scan);
    const at = { markers: { i: 0 }, insertions: { i: 0 }, quotations: { i: 0 }, candidates: { i: 0 } };
    const candidateStarts = { i: 0 };
    const memos = cut.ranges.map(([from, to], k) => {
      const next = k + 1 < cut.ranges.length ? table.start(cut.ranges[k + 1][0]) : Infinity;
      const part: Scan = {
        markers: take(scan.markers, at.markers, next),
        insertions: take(scan.insertions, at.insertions, next),
        quotations: take(scan.quotations, at.quotations, next),
        candidates: takeCandidates(scan, candidateStarts, next),
      };
      return readMemo(table, from, to, part);
    });
    return { model: makeModel(source, lines, memos), memoLines: cut.ranges.map(([from]) => from) };
  } catch (error) {
    // A parser bug must never take features down with it: serve the text with no structure.
    console.error('memo parser failed:', error);
    return { model: makeModel(source, lines, []), memoLines: [] };
  }
}

function takeCandidates(scan: Scan, at: { i: number }, end: number): Scan['candidates'] {
  const list = scan.candidates;
  const from = at.i;
  let i = from;
  while (i < list.length && list[i].alternatives[0].start < end) i++;
  at.i = i;
  return list.slice(from, i);
}

/** Parses a whole text into memos. */
export function parseMemo(text: string): MemoModel {
  return parseState(text).model;
}
