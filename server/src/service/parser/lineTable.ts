/**
 * Per-line facts of a run of lines, computed once: content bounds (without the line break, the
 * first line of the text without its byte-order mark) and leading/trailing white space. The memo
 * cutter and the memo reader both classify lines through it.
 */
import { isSpace } from './chars';
import { ARCHIVE_CITATION, DECIMAL_FILE_NUMBER, PAGE_MARKER_LINE, POINT_LABEL_LINE } from './patterns';
import { noteContinuationAt, noteNumberAt, type CutLines } from './split';

const LF = 10;
const CR = 13;
const BOM = 0xfeff;
/** The longest list label line (`(viii)`) is 8 characters: longer lines need no label test. */
const MAX_LABEL = 8;

export class LineTable implements CutLines {
  readonly count: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly leads: Int32Array;
  private readonly trails: Int32Array;

  /**
   * Lines [first, last) of a document whose line starts are `starts` and length `length`, read
   * from `src`, a string whose first character lies at document offset `base` and which holds
   * those lines with their line breaks.
   */
  constructor(
    readonly src: string,
    readonly base: number,
    starts: ArrayLike<number>,
    length: number,
    readonly first: number,
    last: number,
  ) {
    const n = last - first;
    this.count = starts.length;
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.leads = new Int32Array(n);
    this.trails = new Int32Array(n);
    const lineCount = starts.length;
    for (let k = 0; k < n; k++) {
      const line = first + k;
      let start = starts[line] - base;
      let end = (line + 1 < lineCount ? starts[line + 1] : length) - base;
      if (end > start && src.charCodeAt(end - 1) === LF) end--;
      if (end > start && src.charCodeAt(end - 1) === CR) end--;
      if (line === 0 && end > start && src.charCodeAt(start) === BOM) start++;
      this.starts[k] = start + base;
      this.ends[k] = end + base;
      let a = start;
      while (a < end && isSpace(src.charCodeAt(a))) a++;
      this.leads[k] = a - start;
      if (a < end) {
        let b = end;
        while (isSpace(src.charCodeAt(b - 1))) b--;
        this.trails[k] = end - b;
      }
    }
  }

  /** Content start (document offset). */
  start(i: number): number {
    return this.starts[i - this.first];
  }

  /** Content end (document offset). */
  end(i: number): number {
    return this.ends[i - this.first];
  }

  lead(i: number): number {
    return this.leads[i - this.first];
  }

  trail(i: number): number {
    return this.trails[i - this.first];
  }

  length(i: number): number {
    const k = i - this.first;
    return this.ends[k] - this.starts[k];
  }

  blank(i: number): boolean {
    const k = i - this.first;
    return this.leads[k] === this.ends[k] - this.starts[k];
  }

  text(i: number): string {
    const k = i - this.first;
    return this.src.slice(this.starts[k] - this.base, this.ends[k] - this.base);
  }

  trimmedLength(i: number): number {
    const k = i - this.first;
    return this.ends[k] - this.starts[k] - this.leads[k] - this.trails[k];
  }

  trimmed(i: number): string {
    const k = i - this.first;
    return this.src.slice(this.starts[k] + this.leads[k] - this.base, this.ends[k] - this.trails[k] - this.base);
  }

  /** The first character after leading white space (NaN on a blank line). */
  firstChar(i: number): number {
    const k = i - this.first;
    return this.leads[k] < this.ends[k] - this.starts[k] ? this.src.charCodeAt(this.starts[k] + this.leads[k] - this.base) : NaN;
  }

  noteNumber(i: number): number {
    const k = i - this.first;
    // `  n. `: exactly two characters of white space lead a note line.
    if (this.leads[k] !== 2) return -1;
    return noteNumberAt(this.src, this.starts[k] - this.base, this.ends[k] - this.base);
  }

  noteContinuation(i: number): boolean {
    const k = i - this.first;
    if (this.leads[k] < 3) return false;
    return noteContinuationAt(this.src, this.starts[k] - this.base, this.ends[k] - this.base);
  }

  /** A decimal file number line (or, unless `strict`, an archive citation). */
  fileNumber(i: number, strict = false): boolean {
    if (this.length(i) > 100) return false;
    const text = this.trimmed(i);
    return DECIMAL_FILE_NUMBER.test(text) || (!strict && ARCHIVE_CITATION.test(text));
  }

  /** A page marker alone on the line. */
  markerLine(i: number): boolean {
    return this.firstChar(i) === 91 && PAGE_MARKER_LINE.test(this.trimmed(i));
  }

  /** A list label alone on the line (POINT_LABEL_LINE on the trimmed line). */
  label(i: number): boolean {
    const len = this.trimmedLength(i);
    if (len < 2 || len > MAX_LABEL) return false;
    const c = this.firstChar(i);
    // Labels open with a digit, a letter or `(`.
    if (!((c >= 48 && c <= 57) || c === 40 || ((c | 32) >= 97 && (c | 32) <= 122))) return false;
    return POINT_LABEL_LINE.test(this.trimmed(i));
  }
}
