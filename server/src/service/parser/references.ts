/**
 * Footnote references: finding the glued labels in the body and tying them to the notes.
 *
 * The notes block numbers its notes 1, 2, 3 … by position, while the body keeps the printed
 * label, which in older volumes restarts per page or chapter (`Nanking.65` → note 1). So a
 * reference is tied to its note by order: among the candidates (digits glued to a word or to
 * closing punctuation, and dates with a label glued on, `July 313`), we choose the sequence
 * that best explains the notes, with a small dynamic programme over (candidate, note).
 */
import { isDigit, isDateFollower, isGluePunct, isLetter, isLowerAscii, isRefFollower, isWordChar } from './chars';
import { MONTH, MONTH_NAMES, REF_AFTER_DOT } from './patterns';
import type { Span } from './model';

/** One way to read a candidate: the label's span and what believing it costs. */
export interface RefAlternative extends Span {
  label: string;
  cost: number;
}

/** A place in the text that may hold a reference; at most one alternative is chosen. */
export interface RefCandidate {
  alternatives: RefAlternative[];
  /** What leaving the candidate unused costs: high for a clear glued label, low for a guess. */
  skipCost: number;
}

/** A chosen reference: the alternative and the index of the note it refers to. */
export interface ResolvedRef extends RefAlternative {
  note: number;
}

const SKIP_STRONG = 2.5;
const SKIP_WEAK = 0.3;
const SKIP_NOTE = 3;
const SKIP_DATE = 1.5;
/** How far back (in candidates) a transition may jump; skipping more costs more than any gain. */
const WINDOW = 64;
/** How many notes a transition may leave unreferenced at once. */
const NOTE_WINDOW = 12;

/** Digit runs and reference symbols: the places a reference label may begin. */
const LABEL_START = /[0-9]+|[*\u2020\u2021\u00a7\u00b6]/g;

/** The word of ASCII word characters ending at `end` (not before `from`), if it is a month name. */
function monthEndingAt(src: string, from: number, end: number): boolean {
  let w = end;
  while (w > from && end - w <= 9 && isWordChar(src.charCodeAt(w - 1))) w--;
  if (w === end || end - w > 9 || (w > from && isWordChar(src.charCodeAt(w - 1)))) return false;
  return MONTH_NAMES.has(src.slice(w, end));
}

/** The code point ending just before `p` is a letter or glue punctuation (`[\p{L}.,;:!?)\]”’"'…]`). */
function glueBefore(src: string, from: number, p: number): number {
  if (p <= from) return 0;
  const c = src.charCodeAt(p - 1);
  if (c < 128) return isLetter(c) || isGluePunct(c) ? 1 : 0;
  if (isGluePunct(c)) return 1;
  if (c >= 0xdc00 && c <= 0xdfff) {
    // The low half of a surrogate pair: the letter test applies to the whole code point.
    if (p - 2 < from) return 0;
    const h = src.charCodeAt(p - 2);
    if (h < 0xd800 || h > 0xdbff) return 0;
    return isLetter((h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000) ? 2 : 0;
  }
  if (c >= 0xd800 && c <= 0xdbff) return 0;
  return isLetter(c) ? 1 : 0;
}

const DATE_END = new RegExp(`\\b${MONTH}\\.? \\d{1,2}(?:, \\d{4})?$`);

/** Whether a date (`Apr 30`, `May 17, 1951`) ends at `end` (exclusive). */
function dateBefore(src: string, from: number, end: number): boolean {
  return DATE_END.test(src.slice(Math.max(from, end - 24), end));
}

function isCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Whether the letters glued before `p` are a capitalised code: one capital, or two or more. */
function isCodeLetters(src: string, from: number, p: number): boolean {
  let k = p;
  while (k > from && isCapital(src.charCodeAt(k - 1))) k--;
  const capitals = p - k;
  if (capitals === 0) return false;
  // A capitalised word (`China1`, `Sinha1`) has lower-case letters before its end: not a code.
  const prev = k > from ? src.charCodeAt(k - 1) : 32;
  return !((prev >= 97 && prev <= 122) || prev > 127);
}

/** Up to `max` characters after `at`, stopping at the end of the line (or of the scanned text). */
function lineEndAfter(src: string, at: number, to: number, max: number): number {
  let k = at;
  while (k < to && k - at < max) {
    const c = src.charCodeAt(k);
    if (c === 10 || c === 13) break;
    k++;
  }
  return k;
}

function overlapsAny(excluded: Span[], start: number, end: number): boolean {
  for (let i = 0; i < excluded.length; i++) {
    if (start < excluded[i].end && end > excluded[i].start) return true;
  }
  return false;
}

const NONE: Span[] = [];

/**
 * Reads the digit run `src[p, q)` (or the reference symbol at `p`, with `q = p + 1`) as a
 * reference candidate, if it is one, and appends it to `out`. `src[from, to)` is the text being
 * scanned (it starts at a line start and ends at a line end); `base` is the document offset of
 * `src[0]`; candidates overlapping an `excluded` span are dropped.
 *
 * It finds what GLUED_REF, DATE_WITH_REF and YEAR_WITH_REF find: a run is a glued label when
 * the character before it is a letter or closing punctuation, a date's day-and-label when a
 * month and a space precede it, a year-and-label when `Month day, ` does.
 */
export function scanLabel(src: string, from: number, to: number, base: number, p: number, q: number, out: RefCandidate[], excluded: Span[] = NONE): void {
  const first = src.charCodeAt(p);
  const glue = glueBefore(src, from, p);
  if (glue > 0) {
    // A glued label: 1–3 digits (optionally one lowercase letter) or a symbol, then a follower.
    let end = -1;
    if (!isDigit(first)) {
      if (q >= to || isRefFollower(src.charCodeAt(q))) end = q;
    } else if (q - p <= 3) {
      const c1 = q < to ? src.charCodeAt(q) : -1;
      if (c1 < 0 || isRefFollower(c1)) end = q;
      else if (isLowerAscii(c1) && (q + 1 >= to || isRefFollower(src.charCodeAt(q + 1)))) end = q + 1;
    }
    if (end < 0) return;
    if (excluded.length > 0 && overlapsAny(excluded, base + p, base + end)) return;
    const before = src.charCodeAt(p - 1);
    let cost = 0;
    let skipCost = SKIP_STRONG;
    if (glue === 1 && (before === 46 || before === 44 || before === 58) && p - 2 >= from && isDigit(src.charCodeAt(p - 2))) {
      // `1.45 a.m.`, `1,000`, `10:30`: numbers, unless the notes need them (`1951,5`).
      const digitsOnly = end === q && isDigit(first);
      if (before === 44 && digitsOnly && end - p === 3) return;
      if (before === 58 && digitsOnly && end - p === 2) return;
      if (before === 46 && !REF_AFTER_DOT.test(src.slice(end, lineEndAfter(src, end, to, 3)))) return;
      cost = before === 44 ? 0.3 : 1;
      skipCost = before === 44 ? 1 : SKIP_WEAK;
      // `Apr 30,3`, `May 17, 1951,5`: a date then a label, as telegrams cite their references.
      if (before === 44 && dateBefore(src, from, p - 1)) skipCost = SKIP_DATE;
    } else if (glue === 1 && isCodeLetters(src, from, p) && end === q) {
      // `B29`, `MIG15`, `CO2`: designations spelt in capitals, not words with a note; a reference
      // only if the notes need one.
      cost = 0.8;
      skipCost = SKIP_WEAK;
    }
    out.push({ alternatives: [{ start: base + p, end: base + end, label: src.slice(p, end), cost }], skipCost });
    return;
  }
  if (!isDigit(first) || p - 1 < from || src.charCodeAt(p - 1) !== 32) return;
  const len = q - p;
  if (q < to && !isDateFollower(src.charCodeAt(q))) return;
  if (len >= 2 && len <= 4) {
    // `July 313`: month, optional dot, space, day and label.
    const monthEnd = p - 2 >= from && src.charCodeAt(p - 2) === 46 ? p - 2 : p - 1;
    if (!monthEndingAt(src, from, monthEnd)) return;
    const run = src.slice(p, q);
    const value = Number(run);
    if (run.length === 4 && value >= 1600 && value <= 2099) return; // a year: `May 1951`
    if (run[0] !== '0' && value <= 31) return; // just a day
    const alternatives: RefAlternative[] = [];
    for (let dayLength = 2; dayLength >= 1; dayLength--) {
      const day = Number(run.slice(0, dayLength));
      const label = run.slice(dayLength);
      if (label.length === 0 || label[0] === '0' || day < 1 || day > 31 || run[0] === '0') continue;
      const start = base + p + dayLength;
      alternatives.push({ start, end: start + label.length, label, cost: dayLength === 2 ? 0.6 : 0.9 });
    }
    if (alternatives.length > 0 && !(excluded.length > 0 && overlapsAny(excluded, alternatives[0].start, alternatives[0].end))) {
      // No month has a day 142: the run is a day with a label glued on (or a typing slip).
      out.push({ alternatives, skipCost: SKIP_DATE });
    }
  } else if (len === 5 || len === 6) {
    // `May 17, 19515`: month, day, comma, a year from 1600 to 2099, and the label.
    if (p - 2 < from || src.charCodeAt(p - 2) !== 44) return;
    const y0 = first;
    const y1 = src.charCodeAt(p + 1);
    if (!((y0 === 49 && y1 >= 54 && y1 <= 57) || (y0 === 50 && y1 === 48))) return;
    let d = p - 2;
    while (d > from && p - 2 - d < 3 && isDigit(src.charCodeAt(d - 1))) d--;
    const dayLength = p - 2 - d;
    if (dayLength < 1 || dayLength > 2 || d - 1 < from || src.charCodeAt(d - 1) !== 32) return;
    const monthEnd = d - 2 >= from && src.charCodeAt(d - 2) === 46 ? d - 2 : d - 1;
    if (!monthEndingAt(src, from, monthEnd)) return;
    if (src.charCodeAt(p + 4) === 48) return; // a label never starts with 0
    const start = base + p + 4;
    out.push({ alternatives: [{ start, end: base + q, label: src.slice(p + 4, q), cost: 0.6 }], skipCost: SKIP_WEAK });
  }
}

/**
 * Collects the reference candidates of `src[from, to)` (see scanLabel), in text order.
 */
export function scanCandidates(src: string, from: number, to: number, base: number, excluded: Span[], out: RefCandidate[]): void {
  const re = LABEL_START;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    const p = m.index;
    if (p >= to) break;
    scanLabel(src, from, to, base, p, Math.min(p + m[0].length, to), out, excluded);
  }
  re.lastIndex = 0;
}

/**
 * Collects candidates in one line of text (`offset` is the line's start in the document).
 * `excluded` spans (page markers) are skipped.
 */
export function collectCandidates(line: string, offset: number, excluded: Span[], out: RefCandidate[]): void {
  scanCandidates(line, 0, line.length, offset, excluded, out);
}

/** The number a label starts with (`47a` -> 47), or -1 for a symbol. */
function numeric(label: string): number {
  let n = 0;
  let k = 0;
  while (k < label.length && isDigit(label.charCodeAt(k))) n = n * 10 + label.charCodeAt(k++) - 48;
  return k > 0 ? n : -1;
}

/** No previous label: the first reference chosen. */
const FIRST = -2;

/**
 * The cost of a label whose number is `value` (-1: a symbol) following the previous chosen
 * label's number `previous` (-1: a symbol, FIRST: none), for the note the notes block numbers
 * `noteNumber`.
 */
function continuity(previous: number, value: number, noteNumber: number): number {
  if (value < 0) return 0.2; // symbols (`*`, `†`) run per page
  // Most volumes print the note's own number; a label that does is the likelier reading.
  const positional = value === noteNumber ? 0 : 0.8;
  if (previous < 0) return (value === 1 ? 0 : 0.4) + positional;
  if (value === previous + 1) return positional;
  if (value === 1) return 0.2 + positional;
  if (value === previous) return 0.5 + positional;
  if (value === previous + 2) return 0.8 + positional;
  return 1.2 + positional;
}

/**
 * Ties candidates to the notes in order, choosing the cheapest explanation: each note is
 * referenced once or left unreferenced; each candidate is used once or skipped. `notes` is the
 * notes' count, or the numbers the notes block shows (which skip where a note was lost).
 */
export function resolveReferences(candidates: RefCandidate[], notes: number | readonly number[]): ResolvedRef[] {
  const noteCount = typeof notes === 'number' ? notes : notes.length;
  const shown = typeof notes === 'number' ? null : notes;
  // The number the notes block shows for note k (its position + 1 unless numbers skip).
  const numberOf = (k: number) => (shown ? shown[k] : k + 1);
  const m = candidates.length;
  if (noteCount === 0 || m === 0) return [];
  // skipPrefix[i] = cost of skipping candidates 0..i-1
  const skipPrefix = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) skipPrefix[i + 1] = skipPrefix[i] + candidates[i].skipCost;

  // States: one per (candidate, alternative, note), stored flat in that order: candidate i's
  // alternative a, note k is state stateBase[i] + a * noteCount + k.
  const stateBase = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) stateBase[i + 1] = stateBase[i] + candidates[i].alternatives.length * noteCount;
  const total = stateBase[m];
  const cost = new Float64Array(total);
  const back = new Int32Array(total);
  const stateCandidate = new Int32Array(total);
  const values: number[][] = candidates.map((c) => c.alternatives.map((alt) => numeric(alt.label)));

  for (let i = 0; i < m; i++) {
    const alts = candidates[i].alternatives;
    for (let a = 0; a < alts.length; a++) {
      const altCost = alts[a].cost;
      const value = values[i][a];
      for (let k = 0; k < noteCount; k++) {
        // Start fresh: skip candidates before i and notes before k.
        let best = skipPrefix[i] + k * SKIP_NOTE + altCost + continuity(FIRST, value, numberOf(k));
        let from = -1;
        for (let j = i - 1; j >= 0 && j >= i - WINDOW; j--) {
          const between = skipPrefix[i] - skipPrefix[j + 1];
          if (between >= best) break;
          const prevValues = values[j];
          for (let b = 0; b < prevValues.length; b++) {
            const base = stateBase[j] + b * noteCount;
            const cont = continuity(prevValues[b], value, numberOf(k));
            for (let kp = Math.max(0, k - NOTE_WINDOW); kp < k; kp++) {
              // The same sum, in the same order, as it has always been computed: ties resolve alike.
              const c = cost[base + kp] + between + (k - kp - 1) * SKIP_NOTE + altCost + cont;
              if (c < best) {
                best = c;
                from = base + kp;
              }
            }
          }
        }
        const s = stateBase[i] + a * noteCount + k;
        cost[s] = best;
        back[s] = from;
        stateCandidate[s] = i;
      }
    }
  }

  let bestEnd = -1;
  let bestCost = noteCount * SKIP_NOTE + skipPrefix[m];
  for (let s = 0; s < total; s++) {
    const i = stateCandidate[s];
    const note = (s - stateBase[i]) % noteCount;
    const c = cost[s] + (skipPrefix[m] - skipPrefix[i + 1]) + (noteCount - 1 - note) * SKIP_NOTE;
    if (c < bestCost) {
      bestCost = c;
      bestEnd = s;
    }
  }
  const chosen: ResolvedRef[] = [];
  for (let s = bestEnd; s >= 0; s = back[s]) {
    const i = stateCandidate[s];
    const local = s - stateBase[i];
    const alt = candidates[i].alternatives[Math.floor(local / noteCount)];
    chosen.push({ start: alt.start, end: alt.end, label: alt.label, cost: alt.cost, note: local % noteCount });
  }
  return chosen.reverse();
}

/** A candidate moved by `d` characters. */
export function shiftCandidate(c: RefCandidate, d: number): RefCandidate {
  return {
    skipCost: c.skipCost,
    alternatives: c.alternatives.map((a) => ({ start: a.start + d, end: a.end + d, label: a.label, cost: a.cost })),
  };
}

/** Whether a character code is a decimal digit (exported for the parser's quick checks). */
export { isDigit };
