/**
 * Views of a source text used by annotations, each with a mapping back to document offsets:
 * - `NormalisedText`: line endings normalised to `\n` (what selectors are measured in);
 * - code points (TextPositionSelector counts code points, not UTF-16 units);
 * - `MatchView`: the text as the matcher sees it, with short editorial brackets (`[sic]`,
 *   `[the]`, `[Page 508]`) removed and whitespace runs collapsed, so that an insertion of that
 *   kind inside an annotated passage does not break its match.
 */

import { lowerBound } from '../sortedSearch';

/** A text with `\r\n` and lone `\r` turned into `\n`, and offset maps both ways. */
export class NormalisedText {
  readonly text: string;
  /** Normalised offsets of the `\n`s whose `\r` was dropped (a `\r\n` pair), ascending. */
  private readonly dropped: number[] = [];

  constructor(readonly doc: string) {
    if (!doc.includes('\r')) {
      this.text = doc;
      return;
    }
    let out = '';
    let last = 0;
    for (let i = 0; i < doc.length; i++) {
      if (doc.charCodeAt(i) !== 13) continue;
      out += doc.slice(last, i);
      if (doc.charCodeAt(i + 1) === 10) {
        this.dropped.push(out.length);
        last = i + 1; // keep the \n
      } else {
        out += '\n';
        last = i + 1;
      }
    }
    this.text = out + doc.slice(last);
  }

  /** Document (UTF-16) offset of a normalised offset. */
  toDoc(offset: number): number {
    return offset + lowerBound(this.dropped, offset);
  }

  /** Normalised offset of a document offset (an offset between `\r` and `\n` maps before the `\n`). */
  fromDoc(offset: number): number {
    // Each dropped \r sits at doc offset dropped[k] + k; count those before `offset`.
    let lo = 0;
    let hi = this.dropped.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.dropped[mid] + mid < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  }
}

/** Converts between UTF-16 offsets and code-point offsets of one string. */
export class CodePoints {
  /** UTF-16 offsets of the high surrogates of astral characters, ascending. */
  private readonly astral: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }

  /** Length of the text in code points. */
  get length(): number {
    return this.text.length - this.astral.length;
  }

  /** Code-point offset of a UTF-16 offset (an offset inside a surrogate pair counts as after it). */
  fromUtf16(offset: number): number {
    // Pairs starting before offset-1 lie wholly before it; one starting at offset-1 is split.
    return offset - lowerBound(this.astral, offset - 1);
  }

  /** UTF-16 offset of a code-point offset. */
  toUtf16(cp: number): number {
    // The k-th astral pair starts at code-point offset astral[k] - k.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid] - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }
}

/** `count` code points at most, taken from the end (`tail`) or start of a string, never splitting a pair. */
export function codePointSlice(text: string, count: number, from: 'start' | 'end'): string {
  const chars = Array.from(text);
  return from === 'start' ? chars.slice(0, count).join('') : chars.slice(Math.max(0, chars.length - count)).join('');
}

/** Short editorial brackets and page markers: what an editor may add inside a quoted passage. */
const EDITORIAL_BRACKET = /\[[^[\]\n]{1,40}\]/g;

/** The text as the matcher sees it, and where each of its characters came from. */
export interface MatchView {
  text: string;
  /** `map[i]` is the offset in the source string of `text[i]`; `map[text.length]` is the source length. */
  map: Int32Array;
}

/**
 * Builds the matcher's view of `source`: whitespace runs become one space and, when
 * `stripBrackets`, short bracketed insertions are dropped (with the space around them).
 */
export function matchView(source: string, stripBrackets: boolean): MatchView {
  const skip = new Uint8Array(source.length);
  if (stripBrackets) {
    for (const m of source.matchAll(EDITORIAL_BRACKET)) skip.fill(1, m.index, m.index + m[0].length);
  }
  const chars: string[] = [];
  const map = new Int32Array(source.length + 1);
  let n = 0;
  let pendingSpace = -1;
  for (let i = 0; i < source.length; i++) {
    if (skip[i]) continue;
    const ch = source[i];
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\u00a0' || ch === '\r') {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      if (n > 0) {
        chars.push(' ');
        map[n++] = pendingSpace;
      }
      pendingSpace = -1;
    }
    chars.push(ch);
    map[n++] = i;
  }
  map[n] = source.length;
  return { text: chars.join(''), map: map.subarray(0, n + 1) };
}

/** Whether a quote keeps enough text once brackets are stripped to be matched in the stripped view. */
export function prefersStrippedView(exact: string): boolean {
  const plain = matchView(exact, false).text.length;
  const stripped = matchView(exact, true).text.length;
  return stripped >= 3 && stripped * 2 >= plain;
}

/** Levenshtein distance (two rows; callers keep strings short or accept the cost). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Similarity in [0, 1]: 1 - distance / longer length. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}
