/**
 * A document's text as a list of flat pieces, so that an edit never copies the whole text.
 *
 * V8 represents `a.slice(0, i) + x + a.slice(j)` as a rope; the first character read, slice or
 * regular expression afterwards flattens it, copying the whole (two-byte) text: 5–50 ms on a
 * 5 MB volume, on every keystroke. Here an edit rebuilds only the piece it falls in (a few
 * kilobytes), and the whole string is joined only when someone asks for it (`toString`).
 */

import { lastAtOrBefore } from '../sortedSearch';

/** What the parser and the line index read: a plain string satisfies it too. */
export interface TextSource {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start: number, end?: number): string;
  toString(): string;
}

/** Pieces larger than this are cut around an edit instead of being rebuilt whole. */
const LARGE_PIECE = 32 * 1024;
/** How much of a large piece stays on each side of an edit in the rebuilt piece. */
const MARGIN = 4 * 1024;
/** Pieces smaller than this are merged into a neighbour, so deletions do not leave crumbs. */
const SMALL_PIECE = 1024;

/** An immutable text made of pieces; `edit` returns a new one sharing the untouched pieces. */
export class PieceText implements TextSource {
  readonly length: number;
  private joined: string | undefined;
  /** The piece of the last lookup: reads cluster, so most lookups skip the search. */
  private hint = 0;

  private constructor(
    private pieces: string[],
    /** Offset of each piece's first character. */
    private offsets: number[],
    length: number,
  ) {
    this.length = length;
    if (pieces.length === 1) this.joined = pieces[0];
  }

  /** A text of one piece. */
  static of(text: string): PieceText {
    return new PieceText([text], [0], text.length);
  }

  /** How many pieces the text is made of (for tests and the bench). */
  get pieceCount(): number {
    return this.pieces.length;
  }

  /** The piece holding an offset (the last piece for `offset === length`). */
  private pieceAt(offset: number): number {
    const offsets = this.offsets;
    const h = this.hint;
    if (offset >= offsets[h] && (h + 1 === offsets.length || offset < offsets[h + 1])) return h;
    const lo = Math.max(0, lastAtOrBefore(offsets, offset));
    this.hint = lo;
    return lo;
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    if (this.joined !== undefined) return this.joined.charCodeAt(index);
    const p = this.pieceAt(index);
    return this.pieces[p].charCodeAt(index - this.offsets[p]);
  }

  slice(start: number, end: number = this.length): string {
    const len = this.length;
    start = start < 0 ? Math.max(0, len + start) : Math.min(start, len);
    end = end < 0 ? Math.max(0, len + end) : Math.min(end, len);
    if (end <= start) return '';
    if (this.joined !== undefined) return this.joined.slice(start, end);
    const p = this.pieceAt(start);
    const q = end === start ? p : this.pieceAt(end - 1);
    if (p === q) return this.pieces[p].slice(start - this.offsets[p], end - this.offsets[p]);
    const parts: string[] = [this.pieces[p].slice(start - this.offsets[p])];
    for (let i = p + 1; i < q; i++) parts.push(this.pieces[i]);
    parts.push(this.pieces[q].slice(0, end - this.offsets[q]));
    return parts.join('');
  }

  /**
   * The whole text, joined once and kept. The joined string then becomes the only piece, so the
   * old flat strings the pieces were cut from can be freed: one copy of the text stays alive.
   */
  toString(): string {
    if (this.joined === undefined) {
      const joined = this.pieces.join('');
      this.joined = joined;
      this.pieces = [joined];
      this.offsets = [0];
      this.hint = 0;
    }
    return this.joined;
  }

  /** The text with [start, end) replaced by `insert` (offsets clamped and ordered). */
  edit(start: number, end: number, insert: string): PieceText {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    const pieces = this.pieces;
    const offsets = this.offsets;
    const p = this.pieceAt(start);
    const q = end > start ? this.pieceAt(end - 1) : p;
    const pStart = offsets[p];
    const qStart = offsets[q];
    const pText = pieces[p];
    const qText = pieces[q];
    // Keep large pieces whole except a margin around the edit: the untouched parts stay
    // slices of the old flat piece (no copy), the rebuilt middle is small.
    let leftKeep = '';
    let midStart = 0;
    if (pText.length > LARGE_PIECE && start - pStart > MARGIN) {
      midStart = start - pStart - MARGIN;
      leftKeep = pText.slice(0, midStart);
    }
    let rightKeep = '';
    let midEnd = qText.length;
    if (qText.length > LARGE_PIECE && qStart + qText.length - end > MARGIN) {
      midEnd = end - qStart + MARGIN;
      rightKeep = qText.slice(midEnd);
    }
    // A flat copy: the middle is read right away by the parser, and a rope would be flattened then.
    const mid = flat(pText.slice(midStart, start - pStart) + insert + qText.slice(end - qStart, midEnd));

    const outPieces: string[] = pieces.slice(0, p);
    const add = (s: string) => {
      if (s.length === 0) return;
      const last = outPieces.length - 1;
      if (last >= 0 && (s.length < SMALL_PIECE || outPieces[last].length < SMALL_PIECE) && outPieces[last].length + s.length <= LARGE_PIECE) {
        outPieces[last] = flat(outPieces[last] + s);
      } else {
        outPieces.push(s);
      }
    };
    add(leftKeep);
    add(mid);
    add(rightKeep);
    for (let i = q + 1; i < pieces.length; i++) add(pieces[i]);
    if (outPieces.length === 0) outPieces.push('');
    const outOffsets = new Array<number>(outPieces.length);
    let at = 0;
    for (let i = 0; i < outPieces.length; i++) {
      outOffsets[i] = at;
      at += outPieces[i].length;
    }
    return new PieceText(outPieces, outOffsets, at);
  }
}

/** Forces a (small) rope into a flat string now, while it is cheap. */
function flat(s: string): string {
  // Reading a character makes V8 flatten the rope in place.
  if (s.length > 0) s.charCodeAt(0);
  return s;
}
