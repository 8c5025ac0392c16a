/**
 * The text of a memo as the checks read it: its non-blank lines, each told apart as body text,
 * a page marker alone on its line, a list label alone on its line, a note or a note's
 * continuation paragraph. FRUS renders every paragraph as one line, so a line is a paragraph.
 */
import type { Memo, MemoModel, PageMarker, Span } from '../../parser/model';
import { NOTE_LINE, POINT_LABEL_LINE } from '../../parser/patterns';

export type LineKind = 'body' | 'marker' | 'label' | 'note' | 'noteContinuation';

/** One non-blank line of a memo. */
export interface TextLine extends Span {
  text: string;
  kind: LineKind;
  /** The page markers on the line. */
  markers: PageMarker[];
  /** Whether a blank line (or the memo's start) comes before it. */
  afterBlank: boolean;
}

/** Lines already read, per memo object (several checks read the same memo). */
const cache = new WeakMap<Memo, { text: string; lines: TextLine[] }>();

/** The non-blank lines of a memo, in order. */
export function memoLines(model: MemoModel, memo: Memo): TextLine[] {
  const text = model.text;
  const hit = cache.get(memo);
  if (hit && hit.text === text) return hit.lines;
  const lines = readLines(model, memo);
  cache.set(memo, { text, lines });
  return lines;
}

function readLines(model: MemoModel, memo: Memo): TextLine[] {
  const out: TextLine[] = [];
  const first = model.lines.lineAt(memo.start);
  const last = model.lines.lineAt(memo.end);
  let afterBlank = true;
  for (let i = first; i <= last; i++) {
    const start = Math.max(model.lines.starts[i], memo.start);
    const end = Math.min(model.lines.lineEnd(i), memo.end);
    if (end < start) continue;
    const text = model.text.slice(start, end);
    if (text.trim().length === 0) {
      afterBlank = true;
      continue;
    }
    const markers = markersIn(model.pageMarkers, start, end);
    let kind: LineKind;
    if (memo.notesBlock && start >= memo.notesBlock.start) {
      kind = NOTE_LINE.test(text) ? 'note' : 'noteContinuation';
    } else if (withoutMarkers(text, start, markers).trim().length === 0) {
      kind = 'marker';
    } else if (POINT_LABEL_LINE.test(text.trim())) {
      kind = 'label';
    } else {
      kind = 'body';
    }
    out.push({ start, end, text, kind, markers, afterBlank });
    afterBlank = false;
  }
  return out;
}

/** The markers lying inside [start, end), by scanning the sorted list. */
export function markersIn(markers: PageMarker[], start: number, end: number): PageMarker[] {
  return markers.filter((m) => m.start >= start && m.end <= end);
}

/** A line's text with its page markers blanked out (same length, so offsets still hold). */
export function withoutMarkers(text: string, lineStart: number, markers: PageMarker[]): string {
  let out = text;
  for (const m of markers) {
    const a = m.start - lineStart;
    const b = m.end - lineStart;
    out = out.slice(0, a) + ' '.repeat(b - a) + out.slice(b);
  }
  return out;
}

/** Whether a span lies inside the notes block of a memo. */
export function inNotes(memo: Memo, offset: number): boolean {
  return memo.notesBlock !== null && offset >= memo.notesBlock.start && offset <= memo.notesBlock.end;
}

/** `\r\n` when the text uses it, else `\n`: inserted lines keep the file's line ends. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
