/**
 * The memo document model: what the parser recognises in a text, as offset spans into it.
 * Features turn spans into LSP ranges through the model's LineIndex.
 */
import type { LineIndex } from './lineIndex';
import type { RefCandidate } from './references';

/** A half-open span [start, end) of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

/** A span with the text it covers. */
export interface TextSpan extends Span {
  text: string;
}

/** A printed-page marker such as `[Page 508]` or `[Page xii]`. */
export interface PageMarker extends Span {
  /** The page as printed: `508`, `xii`. */
  page: string;
}

/** A footnote reference glued to the text, e.g. the `1` of `(Matthews)1`. */
export interface FootnoteRef extends Span {
  /** The label as printed in the body (`3`, `*`, `47a`); it need not equal its note's number. */
  label: string;
  /** Index of the note it belongs to, in `Memo.notes`. */
  note: number;
}

/** A note of the notes block at the end of a memo. */
export interface Note extends Span {
  /** The list number shown in the notes block (`1`, `2`, …, by position). */
  label: string;
  /** The span of the label, e.g. `1.` of `  1. A typewritten note…`. */
  labelSpan: Span;
  /** The note's text, its paragraphs joined by `\n`. */
  text: string;
  /** Indexes of the references pointing to it, in `Memo.refs`. */
  refs: number[];
}

/** A numbered, lettered or roman list point. */
export interface Point extends Span {
  /** The label as printed: `1.`, `(a)`, `5)`, `1st:`. */
  label: string;
  labelSpan: Span;
  /** `true` for `1. The …` paragraphs whose label opens the line of text itself. */
  inline: boolean;
  /** The point's opening words, for outlines. */
  firstWords: string;
}

/** The kind of a line of a memo body. */
export type BlockKind = 'paragraph' | 'bullet' | 'closing' | 'table';

/** One memo: file number, title, body and notes. A file may hold several pasted one after another. */
export interface Memo extends Span {
  fileNumber: TextSpan | null;
  /** The title text without reference labels (lines of a multi-line head joined by a space). */
  title: TextSpan | null;
  /** The lines of the title, as they stand in the text. */
  titleLines: Span[];
  datelines: TextSpan[];
  classifications: TextSpan[];
  /** Body text lines (each a paragraph, bullet or closing line). */
  paragraphs: Span[];
  points: Point[];
  pageMarkers: PageMarker[];
  refs: FootnoteRef[];
  /**
   * Every reference candidate of the body, chosen or not, in text order, with offsets relative to
   * the memo's start (so shifting a memo after an edit copies nothing): the checks read the ones
   * left out (a reference whose note was lost) without scanning the text again.
   */
  refCandidates: RefCandidate[];
  notes: Note[];
  /** The notes block (from the first note to the end of the last), or null. */
  notesBlock: Span | null;
  /** Editorial brackets such as `[the]`, `[sic]`, `[Here follows …]`. */
  insertions: Span[];
  /** Quotations in typographic or straight double quotes. */
  quotations: Span[];
}

/** The parse of one whole text. */
export interface MemoModel {
  text: string;
  lines: LineIndex;
  memos: Memo[];
  /** All page markers of the text in order (across memos), for page lookups. */
  pageMarkers: PageMarker[];
}
