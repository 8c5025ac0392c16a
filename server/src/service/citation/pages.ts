/**
 * The printed pages a citation points to. A selection cites the pages its text lies on (`p. 508`,
 * `pp. 508–509` when it crosses a `[Page N]` marker); a selection inside a footnote cites the page
 * the note is printed on (its reference's page) and the note (`p. 507n1`). Text before the first
 * marker lies on the page before it, unless the folder's metadata says where the document begins.
 */
import type { Memo, MemoModel, Span } from '../parser/model';
import { markerBefore, previousPage } from '../features/pages';

/** The pages a span lies on, first and last, and the footnote when the span lies in one. */
export interface PinPages {
  first: string;
  last: string;
  /** The printed label of the note's reference when the span lies inside a footnote. */
  note?: string;
}

/** The memo of a file that holds an offset (the last one starting at or before it). */
export function memoAt(model: MemoModel, offset: number): Memo | null {
  let found: Memo | null = null;
  for (const memo of model.memos) {
    if (memo.start <= offset) found = memo;
    else break;
  }
  return found ?? model.memos[0] ?? null;
}

/**
 * The page an offset lies on. `startPage` (from the folder's metadata) is the page of the text
 * before the first marker of the file; without it, that text lies on the page before the marker.
 */
export function pageOf(model: MemoModel, offset: number, startPage?: string | null): string | null {
  const markers = model.pageMarkers;
  const i = markerBefore(markers, offset);
  if (i >= 0) return markers[i].page;
  if (startPage) return startPage;
  return markers.length > 0 ? previousPage(markers[0].page) : null;
}

const SPACE = /\s/;

/**
 * The span without white space and page markers at its ends, so that a selection that happens to
 * begin just before a marker (or end just after one) does not claim the page it barely touches.
 */
export function trimSpan(model: MemoModel, span: Span): Span {
  const text = model.text;
  let { start, end } = span;
  const markers = model.pageMarkers;
  for (;;) {
    while (start < end && SPACE.test(text[start])) start++;
    const i = markerBefore(markers, start);
    if (i >= 0 && markers[i].start === start && markers[i].end <= end) start = markers[i].end;
    else break;
  }
  for (;;) {
    while (end > start && SPACE.test(text[end - 1])) end--;
    const i = markerBefore(markers, end - 1);
    if (i >= 0 && markers[i].end === end && markers[i].start >= start) end = markers[i].start;
    else break;
  }
  return { start, end };
}

/** The pages a span (a selection, or an empty span for the cursor) cites; null when unknown. */
export function pinPages(model: MemoModel, span: Span, startPage?: string | null): PinPages | null {
  const trimmed = trimSpan(model, span);
  // A selection of nothing but white space and markers cites where it begins, like a cursor.
  const { start, end } = trimmed.end > trimmed.start ? trimmed : { start: span.start, end: span.start };
  const memo = memoAt(model, start);
  const note = memo?.notes.find((n) => start >= n.start && end <= n.end);
  if (memo && note && note.refs.length > 0) {
    // A footnote is printed at the foot of the page its reference is on.
    const ref = memo.refs[note.refs[0]];
    const page = pageOf(model, ref.start, startPage);
    return page ? { first: page, last: page, note: ref.label } : null;
  }
  const first = pageOf(model, start, startPage);
  const last = pageOf(model, Math.max(start, end - 1), startPage);
  return first && last ? { first, last } : null;
}

/** `p. 508`, `pp. 508–509`, `p. 507n1`. */
export function formatPages(pages: PinPages | null): string | null {
  if (!pages) return null;
  if (pages.note !== undefined) return `p. ${pages.first}n${pages.note}`;
  return pages.first === pages.last ? `p. ${pages.first}` : `pp. ${pages.first}–${pages.last}`;
}

/** The first content offset of a memo (its first non-blank character). */
function contentStart(model: MemoModel, memo: Memo): number {
  let i = memo.start;
  while (i < memo.end && SPACE.test(model.text[i])) i++;
  return i;
}

/**
 * The pages a whole memo covers, first to last: where its text begins (a memo that opens with a
 * marker begins on that page) to its last marker.
 */
export function memoPages(model: MemoModel, memo: Memo, startPage?: string | null): PinPages | null {
  const begin = trimSpan(model, { start: contentStart(model, memo), end: memo.end }).start;
  const first = pageOf(model, begin, model.memos[0] === memo ? startPage : null);
  const lastMarker = memo.pageMarkers[memo.pageMarkers.length - 1];
  const last = lastMarker ? lastMarker.page : first;
  return first && last ? { first, last } : null;
}
