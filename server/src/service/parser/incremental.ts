/**
 * Incremental parsing: after an edit, re-read only the memos the edit can change and shift the
 * others, with the same result as a full parse (test/unit/incremental.test.ts holds it to that).
 *
 * Why it is exact: a memo depends only on its own lines, and the cut into memos is a left-to-right
 * pass whose state at a memo start depends only on that start line. So the cut is resumed at the
 * last memo start whose decision lines (the start line and the one after it) lie before the edit,
 * and stopped at the first memo start it finds past the edit that the old parse had too: from
 * there on, the lines, and so the memos, are the old ones moved by the edit's length.
 */
import type { LineIndex } from './lineIndex';
import type { FootnoteRef, Memo, Note, PageMarker, Point, Span, TextSpan } from './model';
import { makeModel, parseRange, parseState, type ParseState } from './parse';
import type { TextSource } from './pieceText';
import { LineReader, cutMemos } from './split';
import { lowerBound } from '../sortedSearch';

/** One replacement, in offsets of the text before it. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Composes edits applied one after another (each in offsets of the text left by the previous)
 * into one replacement of the original text: [start, oldEnd) became [start, newEnd).
 */
export function composeEdits(edits: readonly TextEdit[]): { start: number; oldEnd: number; newEnd: number } | null {
  if (edits.length === 0) return null;
  let start = edits[0].start;
  let newEnd = edits[0].start;
  let oldEnd = edits[0].start;
  for (const e of edits) {
    // Grow the changed region (in current offsets) to cover this edit; before it offsets are the
    // original ones, after it they differ by the length change so far.
    if (e.start < start) start = e.start;
    if (e.end > newEnd) {
      oldEnd += e.end - newEnd;
      newEnd = e.end;
    }
    newEnd += e.text.length - (e.end - e.start);
  }
  return { start, oldEnd, newEnd };
}

/**
 * The parse of `text` (with line index `lines`), given the parse of the text before one edit
 * that replaced [start, oldEnd) of the old text by [start, newEnd) of the new one.
 */
export function reparse(prev: ParseState, text: TextSource, lines: LineIndex, start: number, oldEnd: number, newEnd: number): ParseState {
  try {
    return update(prev, text, lines, start, oldEnd, newEnd);
  } catch (error) {
    // Whatever went wrong, a full parse is always right.
    console.error('incremental parse failed, parsing in full:', error);
    return parseState(text, lines);
  }
}

function update(prev: ParseState, text: TextSource, lines: LineIndex, start: number, oldEnd: number, newEnd: number): ParseState {
  const oldLines = prev.model.lines;
  const memoLines = prev.memoLines;
  if (memoLines.length === 0) return parseState(text, lines);
  const charDelta = newEnd - oldEnd;
  const lineDelta = lines.lineCount - oldLines.lineCount;

  // Resume at the last memo start s whose decision lines lie before the first line the edit may
  // change (the line of the character before it: a `\r` there may pair with an inserted `\n`).
  // A start is decided by its line and the next (a file number needs a blank line after it) or,
  // after a notes block, by the first line past the blank ones that follow (a note there would
  // continue the block): so the first non-blank line from s on, and the one after it, must be
  // untouched. Lines before the edit are the same in both texts.
  const firstChanged = oldLines.lineAt(Math.max(0, start - 1));
  const reader = new LineReader(text, lines);
  let r = lowerBound(memoLines, firstChanged - 1) - 1;
  while (r > 0) {
    let decided = memoLines[r];
    while (decided + 1 < firstChanged && reader.blank(decided)) decided++;
    if (decided + 1 < firstChanged) break;
    r--;
  }
  if (r < 0) r = 0;
  const resumeLine = memoLines[r];

  // Stop at a memo start past the edit that the old parse had, at the same place in the text.
  const oldStarts = oldLines.starts;
  const newStarts = lines.starts;
  let resync = -1;
  const stopAt = (line: number): boolean => {
    if (newStarts[line] < newEnd + 1) return false;
    const oldLine = line - lineDelta;
    if (oldLine < 0 || oldLine >= oldStarts.length || oldStarts[oldLine] !== newStarts[line] - charDelta) return false;
    const k = lowerBound(memoLines, oldLine);
    if (k >= memoLines.length || memoLines[k] !== oldLine) return false;
    resync = k;
    return true;
  };
  const cut = cutMemos(reader, resumeLine, r > 0, stopAt);

  const memos: Memo[] = prev.model.memos.slice(0, r);
  const starts: number[] = memoLines.slice(0, r);
  if (cut.extendPrevious) {
    // Only blank lines follow the previous memo now: it runs to the end of the text.
    const from = starts[starts.length - 1];
    memos[memos.length - 1] = parseRange(text, lines, from, lines.lineCount);
  }
  for (const [from, to] of cut.ranges) {
    memos.push(parseRange(text, lines, from, to));
    starts.push(from);
  }
  if (resync >= 0) {
    const old = prev.model.memos;
    for (let k = resync; k < old.length; k++) {
      memos.push(charDelta === 0 ? old[k] : shiftMemo(old[k], charDelta));
      starts.push(memoLines[k] + lineDelta);
    }
  }
  return { model: makeModel(text, lines, memos), memoLines: starts };
}

// Shifting copies (a model is a value: whoever still holds the old one keeps a consistent one).
// Written out field by field: object spread is several times slower, and this runs over every
// memo after the edit.

function textSpan(s: TextSpan | null, d: number): TextSpan | null {
  return s && { start: s.start + d, end: s.end + d, text: s.text };
}

function textSpans(list: TextSpan[], d: number): TextSpan[] {
  const out = new Array<TextSpan>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = { start: list[i].start + d, end: list[i].end + d, text: list[i].text };
  return out;
}

function plain(list: Span[], d: number): Span[] {
  const out = new Array<Span>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = { start: list[i].start + d, end: list[i].end + d };
  return out;
}

function markers(list: PageMarker[], d: number): PageMarker[] {
  const out = new Array<PageMarker>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = { start: list[i].start + d, end: list[i].end + d, page: list[i].page };
  return out;
}

function refs(list: FootnoteRef[], d: number): FootnoteRef[] {
  const out = new Array<FootnoteRef>(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    out[i] = { start: r.start + d, end: r.end + d, label: r.label, note: r.note };
  }
  return out;
}

function points(list: Point[], d: number): Point[] {
  const out = new Array<Point>(list.length);
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    out[i] = {
      start: p.start + d,
      end: p.end + d,
      label: p.label,
      labelSpan: { start: p.labelSpan.start + d, end: p.labelSpan.end + d },
      inline: p.inline,
      firstWords: p.firstWords,
    };
  }
  return out;
}

function notes(list: Note[], d: number): Note[] {
  const out = new Array<Note>(list.length);
  for (let i = 0; i < list.length; i++) {
    const n = list[i];
    out[i] = {
      start: n.start + d,
      end: n.end + d,
      label: n.label,
      labelSpan: { start: n.labelSpan.start + d, end: n.labelSpan.end + d },
      text: n.text,
      // Indexes into the memo's refs, which keep their order.
      refs: n.refs,
    };
  }
  return out;
}

/** A memo moved by `d` characters. */
export function shiftMemo(m: Memo, d: number): Memo {
  return {
    start: m.start + d,
    end: m.end + d,
    fileNumber: textSpan(m.fileNumber, d),
    title: textSpan(m.title, d),
    titleLines: textSpans(m.titleLines as TextSpan[], d),
    datelines: textSpans(m.datelines, d),
    classifications: textSpans(m.classifications, d),
    paragraphs: plain(m.paragraphs, d),
    points: points(m.points, d),
    pageMarkers: markers(m.pageMarkers, d),
    refs: refs(m.refs, d),
    notes: notes(m.notes, d),
    notesBlock: m.notesBlock && { start: m.notesBlock.start + d, end: m.notesBlock.end + d },
    insertions: plain(m.insertions, d),
    quotations: plain(m.quotations, d),
    // Kept relative to the memo's start: a shift leaves them as they are.
    refCandidates: m.refCandidates,
  };
}
