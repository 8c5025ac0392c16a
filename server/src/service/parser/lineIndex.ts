/** Offsets <-> LSP positions (line, UTF-16 character) for one text. */
import type { TextSource } from './pieceText';
import { lastAtOrBefore } from '../sortedSearch';

export interface Position {
  line: number;
  character: number;
}

const LF = 10;
const CR = 13;

/** A growable list of line starts. */
class StartList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Appends to `out` the start of every line after the first in `text[from, to)`, shifted by `shift`. */
function scanBreaks(text: string, from: number, to: number, shift: number, out: StartList): void {
  // indexOf runs several times faster than a regular expression or a charCodeAt loop; lone
  // `\r` breaks are rare, so they get their own search only when the text has any.
  let nl = text.indexOf('\n', from);
  let cr = text.indexOf('\r', from);
  while (true) {
    if (nl >= to) nl = -1;
    if (cr >= to) cr = -1;
    if (nl < 0 && cr < 0) return;
    if (cr < 0 || (nl >= 0 && nl < cr)) {
      out.push(nl + 1 + shift);
      nl = text.indexOf('\n', nl + 1);
    } else if (cr + 1 < to && text.charCodeAt(cr + 1) === LF) {
      out.push(cr + 2 + shift);
      nl = text.indexOf('\n', cr + 2);
      cr = text.indexOf('\r', cr + 2);
    } else {
      out.push(cr + 1 + shift);
      cr = text.indexOf('\r', cr + 1);
    }
  }
}

/** Line starts of a text; `\r\n`, `\n` and lone `\r` all end a line, as LSP says. */
export class LineIndex {
  /** Offset of each line's first character (a typed array: a third of the memory of a list). */
  readonly starts: Int32Array;
  /** The text the index describes (a string or a piece text). */
  readonly source: TextSource;

  constructor(text: TextSource, starts?: Int32Array) {
    this.source = text;
    if (starts) {
      this.starts = starts;
    } else {
      const flat = typeof text === 'string' ? text : text.toString();
      // A guess at the line count (memo lines average over 100 characters) saves regrowing.
      const out = new StartList(flat.length >> 6);
      out.push(0);
      scanBreaks(flat, 0, flat.length, 0, out);
      this.starts = out.data.slice(0, out.length);
    }
  }

  /** The whole text (joined on first use when it is held in pieces). */
  get text(): string {
    return this.source.toString();
  }

  get length(): number {
    return this.source.length;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const starts = this.starts;
    if (line + 1 >= starts.length) return this.source.length;
    let end = starts[line + 1];
    const src = this.source;
    if (end > 0 && src.charCodeAt(end - 1) === LF) end--;
    if (end > starts[line] && src.charCodeAt(end - 1) === CR) end--;
    return end;
  }

  lineText(line: number): string {
    return this.source.slice(this.starts[line], this.lineEnd(line));
  }

  /** The line of the last lookup: outlines and folding ask in text order, mostly on or near it. */
  private hint = 0;

  /** Line holding an offset (binary search, after a look at the last line found and the next). */
  lineAt(offset: number): number {
    const starts = this.starts;
    const h = this.hint;
    if (h < starts.length && starts[h] <= offset) {
      if (h + 1 === starts.length || offset < starts[h + 1]) return h;
      if (h + 2 === starts.length || offset < starts[h + 2]) return (this.hint = h + 1);
    }
    const lo = Math.max(0, lastAtOrBefore(starts, offset));
    this.hint = lo;
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.source.length));
    const line = this.lineAt(clamped);
    return { line, character: Math.min(clamped, this.lineEnd(line)) - this.starts[line] };
  }

  /** Offset of a position; positions past a line's end clamp to it, as LSP requires. */
  offsetAt(position: Position): number {
    if (!position || !Number.isFinite(position.line) || position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.source.length;
    const line = Math.floor(position.line);
    const start = this.starts[line];
    const character = Number.isFinite(position.character) ? Math.max(0, position.character) : 0;
    return Math.min(start + character, this.lineEnd(line));
  }

  /** Whether a position lies inside the text (not clamped). */
  contains(position: Position): boolean {
    return (
      !!position &&
      Number.isInteger(position.line) &&
      Number.isInteger(position.character) &&
      position.line >= 0 &&
      position.line < this.starts.length &&
      position.character >= 0 &&
      this.starts[position.line] + position.character <= this.lineEnd(position.line)
    );
  }

  /**
   * The index of `text`, which is this index's text with [start, end) replaced by `inserted`.
   * Only the lines around the edit are scanned; the starts after it are shifted. A `\r\n`
   * pair made or split by the edit is handled by rescanning one character on each side.
   */
  edit(text: TextSource, start: number, end: number, inserted: string): LineIndex {
    const delta = inserted.length - (end - start);
    const old = this.starts;
    // Rescan from the start of the line before the edit's first character (a `\r` there may
    // pair with an inserted `\n`) to the end of the line after its last (likewise).
    const firstLine = this.lineAt(Math.max(0, start - 1));
    const scanFrom = old[firstLine];
    const lastLine = this.lineAt(Math.min(this.source.length, end + 1));
    const oldScanTo = lastLine + 1 < old.length ? old[lastLine + 1] : this.source.length;
    const newScanTo = oldScanTo + delta;
    const region = text.slice(scanFrom, newScanTo);
    const fresh = new StartList(16);
    // The rescanned region's last break is the one ending at newScanTo (if any): the line
    // start it yields equals old[lastLine + 1] + delta, which the tail copy provides.
    scanBreaks(region, 0, region.length, scanFrom, fresh);
    let freshCount = fresh.length;
    if (lastLine + 1 < old.length && freshCount > 0 && fresh.data[freshCount - 1] === newScanTo) freshCount--;
    const tail = old.length - lastLine - 1;
    const starts = new Int32Array(firstLine + 1 + freshCount + tail);
    starts.set(old.subarray(0, firstLine + 1));
    starts.set(fresh.data.subarray(0, freshCount), firstLine + 1);
    const at = firstLine + 1 + freshCount;
    for (let i = 0; i < tail; i++) starts[at + i] = old[lastLine + 1 + i] + delta;
    return new LineIndex(text, starts);
  }
}
