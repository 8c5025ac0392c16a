/** Offsets <-> LSP positions (line, UTF-16 character) for one text. */
export interface Position {
  line: number;
  character: number;
}

/** Line starts of a text; `\r\n`, `\n` and lone `\r` all end a line, as LSP says. */
export class LineIndex {
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    const re = /\r\n?|\n/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) starts.push(m.index + m[0].length);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  /** Line holding an offset (binary search). */
  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: Math.min(clamped, this.lineEnd(line)) - this.starts[line] };
  }

  /** Offset of a position; positions past a line's end clamp to it, as LSP requires. */
  offsetAt(position: Position): number {
    if (!position || !Number.isFinite(position.line) || position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const character = Number.isFinite(position.character) ? Math.max(0, position.character) : 0;
    return Math.min(start + character, this.lineEnd(position.line));
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
}
