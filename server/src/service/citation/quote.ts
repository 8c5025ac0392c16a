/**
 * The selection as a quotation: the words as printed, editorial insertions (`[the]`, `[sic]`)
 * kept, while what the plain-text copy adds is removed: `[Page N]` markers, footnote reference
 * labels glued to words, note numbers of the notes block. Line breaks become spaces and the
 * double quotation marks inside become single ones, as a quotation within a quotation.
 */
import type { MemoModel, Span } from '../parser/model';

/** The spans inside `span` that a quotation leaves out, sorted. */
function removals(model: MemoModel, span: Span): Span[] {
  const out: Span[] = [];
  const overlaps = (s: Span) => s.end > span.start && s.start < span.end;
  for (const marker of model.pageMarkers) if (overlaps(marker)) out.push(marker);
  for (const memo of model.memos) {
    if (memo.end < span.start || memo.start > span.end) continue;
    for (const ref of memo.refs) if (overlaps(ref)) out.push(ref);
    for (const note of memo.notes) if (overlaps(note.labelSpan)) out.push(note.labelSpan);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Double quotation marks inside a quotation become single ones. */
function nestQuotes(text: string): string {
  return text
    .replace(/“/g, '‘')
    .replace(/”/g, '’')
    .replace(/"([^"]*)"/g, '‘$1’');
}

/** The selected text as quoted, without the surrounding quotation marks; '' when it has no words. */
export function quotedText(model: MemoModel, span: Span): string {
  const start = Math.max(0, Math.min(span.start, model.text.length));
  const end = Math.max(start, Math.min(span.end, model.text.length));
  let text = '';
  let at = start;
  for (const cut of removals(model, { start, end })) {
    if (cut.start > at) text += model.text.slice(at, cut.start);
    at = Math.max(at, cut.end);
  }
  if (at < end) text += model.text.slice(at, end);
  return nestQuotes(text.replace(/\s+/g, ' ').trim());
}

/** The selection in quotation marks: `“… [the] other party …”`; '' when it has no words. */
export function quotation(model: MemoModel, span: Span): string {
  const text = quotedText(model, span);
  return text ? `“${text}”` : '';
}
