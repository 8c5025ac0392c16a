/**
 * Cutting a text into memos: a memo ends with its notes block, or where a file-number line
 * (after a blank line, before a blank line) starts the next one once the current memo has a body.
 *
 * The cut is a left-to-right pass over lines whose state at a memo start is the same whichever
 * way the memo started, so it can be resumed at any memo start: the incremental update re-cuts
 * from the memo before an edit and stops at the first old memo start past it (`stopAt`).
 */
import { isDigit, isSpace } from './chars';
import type { LineIndex } from './lineIndex';
import { ARCHIVE_CITATION, DECIMAL_FILE_NUMBER, PAGE_MARKER_LINE } from './patterns';
import type { TextSource } from './pieceText';

const BOM = 0xfeff;

/** What the cut needs to know of each line. */
export interface CutLines {
  /** The number of lines of the document. */
  readonly count: number;
  blank(i: number): boolean;
  /** The note number of `  n. ` lines, or -1. */
  noteNumber(i: number): number;
  /** `   text`: a note's continuation paragraph. */
  noteContinuation(i: number): boolean;
  /** A decimal file number line (or, unless `strict`, an archive citation). */
  fileNumber(i: number, strict?: boolean): boolean;
  /** A page marker alone on the line. */
  markerLine(i: number): boolean;
}

/**
 * Reads lines of a text on demand (the incremental update cuts only a few memos): content
 * bounds (the first line without a byte-order mark) and blankness.
 */
export class LineReader implements CutLines {
  readonly count: number;

  constructor(
    readonly text: TextSource,
    readonly lines: LineIndex,
  ) {
    this.count = lines.lineCount;
  }

  start(i: number): number {
    const s = this.lines.starts[i];
    return i === 0 && this.text.charCodeAt(0) === BOM ? s + 1 : s;
  }

  end(i: number): number {
    return this.lines.lineEnd(i);
  }

  blank(i: number): boolean {
    const end = this.end(i);
    const text = this.text;
    for (let k = this.start(i); k < end; k++) if (!isSpace(text.charCodeAt(k))) return false;
    return true;
  }

  /** The note number of `  n. ` lines, or -1. */
  noteNumber(i: number): number {
    return noteNumberAt(this.text, this.start(i), this.end(i));
  }

  /** `   text`: a note's continuation paragraph. */
  noteContinuation(i: number): boolean {
    return noteContinuationAt(this.text, this.start(i), this.end(i));
  }

  /** A decimal file number line (or, unless `strict`, an archive citation): one that can head a memo. */
  fileNumber(i: number, strict = false): boolean {
    const start = this.start(i);
    const end = this.end(i);
    if (end - start > 100) return false;
    const text = this.text.slice(start, end).trim();
    return DECIMAL_FILE_NUMBER.test(text) || (!strict && ARCHIVE_CITATION.test(text));
  }

  /** A page marker alone on the line. */
  markerLine(i: number): boolean {
    const end = this.end(i);
    let k = this.start(i);
    while (k < end && isSpace(this.text.charCodeAt(k))) k++;
    // Only lines opening with a bracket pay for a slice and a test.
    return k < end && this.text.charCodeAt(k) === 91 && PAGE_MARKER_LINE.test(this.text.slice(k, end).trim());
  }
}

/** NOTE_LINE (`^ {2}(\d{1,4})\. `) at a line's content: its number, or -1. */
export function noteNumberAt(text: TextSource, start: number, end: number): number {
  if (end - start < 5 || text.charCodeAt(start) !== 32 || text.charCodeAt(start + 1) !== 32) return -1;
  let k = start + 2;
  let n = 0;
  while (k < end && k - start - 2 < 4 && isDigit(text.charCodeAt(k))) n = n * 10 + text.charCodeAt(k++) - 48;
  if (k === start + 2 || k + 1 >= end || text.charCodeAt(k) !== 46 || text.charCodeAt(k + 1) !== 32) return -1;
  return n;
}

/** NOTE_CONTINUATION (`^ {3,}\S`) at a line's content. */
export function noteContinuationAt(text: TextSource, start: number, end: number): boolean {
  let k = start;
  while (k < end && text.charCodeAt(k) === 32) k++;
  return k - start >= 3 && k < end && !isSpace(text.charCodeAt(k));
}

/**
 * How far a notes block's numbering may jump (`  1.` then `  3.`): a note lost in copying must
 * not cut the memo in two, while a list that starts over at 1 still opens a new block.
 */
const MAX_NOTE_SKIP = 3;

function continuesNotes(n: number, expected: number): boolean {
  return n === expected || (expected > 1 && n > expected && n <= expected + MAX_NOTE_SKIP);
}

/**
 * End (exclusive line) of the notes block starting at line `from`, whose first note is 1: notes
 * numbered upwards, their continuation paragraphs, and blank lines between notes.
 */
export function notesBlockEnd(r: CutLines, from: number, to = r.count): number {
  let expected = 1;
  let i = from;
  let end = from;
  while (i < to) {
    const n = r.noteNumber(i);
    if (continuesNotes(n, expected)) {
      expected = n + 1;
      end = ++i;
    } else if (expected > 1 && r.noteContinuation(i)) {
      end = ++i;
    } else if (expected > 1 && r.blank(i)) {
      let j = i;
      while (j < to && r.blank(j)) j++;
      if (j >= to || !continuesNotes(r.noteNumber(j), expected)) break;
      i = j;
    } else break;
  }
  return end;
}

/** Whether line `i` may lie inside a notes block (a note, a continuation, or a blank between notes). */
export function inNotesRun(r: CutLines, i: number): boolean {
  return r.noteNumber(i) >= 0 || r.noteContinuation(i) || r.blank(i);
}

/** The memos found by a cut, as [from, to) line ranges. */
export interface Cut {
  ranges: Array<[number, number]>;
  /** The line the cut stopped at (a memo start accepted by `stopAt`), or -1 when it ran to the end. */
  stoppedAt: number;
  /** When the cut ran to the end and only blank lines followed the previous memo: it extends to the end. */
  extendPrevious: boolean;
}

/**
 * Cuts lines from `fromLine` (a memo start) into memos. `hasPrevious` tells whether memos precede
 * `fromLine`; `stopAt(line)` is asked at every memo start found and ends the cut when it says so.
 */
export function cutMemos(r: CutLines, fromLine: number, hasPrevious: boolean, stopAt?: (line: number) => boolean): Cut {
  const n = r.count;
  const ranges: Array<[number, number]> = [];
  let from = fromLine;
  let hasBody = false;
  let prevBlank = fromLine === 0 || r.blank(fromLine - 1);
  for (let i = fromLine; i < n; i++) {
    const blank = r.blank(i);
    if (blank) {
      prevBlank = true;
      continue;
    }
    // Notes may follow the closing lines directly, without a blank line.
    if (r.noteNumber(i) === 1) {
      const end = notesBlockEnd(r, i);
      ranges.push([from, end]);
      from = end;
      hasBody = false;
      if (end < n && stopAt?.(end)) return { ranges, stoppedAt: end, extendPrevious: false };
      i = end - 1;
      // The last line of a notes block is never blank.
      prevBlank = false;
      continue;
    }
    if (hasBody && prevBlank && i + 1 < n && r.blank(i + 1) && r.fileNumber(i, true)) {
      ranges.push([from, i]);
      from = i;
      if (stopAt?.(i)) return { ranges, stoppedAt: i, extendPrevious: false };
    }
    // A page marker alone (the page a pasted memo opens on) is not yet a memo's body.
    if (!hasBody && !r.markerLine(i)) hasBody = true;
    prevBlank = false;
  }
  let extendPrevious = false;
  if (from < n) {
    let content = false;
    for (let i = from; i < n && !content; i++) content = !r.blank(i);
    if (content || (ranges.length === 0 && !hasPrevious)) ranges.push([from, n]);
    else if (ranges.length > 0) ranges[ranges.length - 1][1] = n;
    else extendPrevious = true;
  } else if (ranges.length > 0) {
    ranges[ranges.length - 1][1] = n;
  }
  return { ranges, stoppedAt: -1, extendPrevious };
}
