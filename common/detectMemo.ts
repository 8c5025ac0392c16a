/**
 * Whether a plain-text document looks like a memo, so the client can switch `.txt` files to the
 * memo language (VS Code cannot claim plain text by a first-line pattern). Pure and cheap: it
 * reads the first and last few kilobytes only.
 */

const HEAD = 4096;
const TAIL = 16384;
const FILE_NUMBER_FIRST_LINE = /^\uFEFF?(?:File No\. )?\d{3}[0-9A-Z]*(?:\.[0-9A-Z]+)?(?: [A-Z]{1,6})?\/\S+/;
const PAGE_MARKER = /\[Page (?:\d{1,5}|[ivxlcdm]{1,12})\]/;
const NOTE_LINE = /^ {2}1\. \S/m;
const GLUED_REF = /[\p{L}.,;:)\]”’]1(?=$|[\s.,;:)”’])/mu;

export interface MemoDetection {
  memo: boolean;
  reasons: string[];
}

export function detectMemo(text: string): MemoDetection {
  const head = text.slice(0, HEAD);
  const tail = text.length > TAIL ? text.slice(-TAIL) : text;
  const reasons: string[] = [];
  if (PAGE_MARKER.test(head) || PAGE_MARKER.test(tail)) reasons.push('page markers');
  const notesAt = tail.search(NOTE_LINE);
  if (notesAt >= 0 && GLUED_REF.test(text.slice(0, text.length - tail.length + notesAt))) {
    reasons.push('a notes block with glued references');
  }
  if (FILE_NUMBER_FIRST_LINE.test(head)) reasons.push('a decimal file number on the first line');
  return { memo: reasons.length > 0, reasons };
}
