/**
 * Footnote references: finding the glued labels in the body and tying them to the notes.
 *
 * The notes block numbers its notes 1, 2, 3 … by position, while the body keeps the printed
 * label, which in older volumes restarts per page or chapter (`Nanking.65` → note 1). So a
 * reference is tied to its note by order: among the candidates (digits glued to a word or to
 * closing punctuation, and dates with a label glued on, `July 313`), we choose the sequence
 * that best explains the notes, with a small dynamic programme over (candidate, note).
 */
import { DATE_WITH_REF, GLUED_REF, YEAR_WITH_REF } from './patterns';
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
/** How far back (in candidates) a transition may jump; skipping more costs more than any gain. */
const WINDOW = 64;
/** How many notes a transition may leave unreferenced at once. */
const NOTE_WINDOW = 12;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Collects candidates in one line of text (`offset` is the line's start in the document).
 * `excluded` spans (page markers) are skipped.
 */
export function collectCandidates(line: string, offset: number, excluded: Span[], out: RefCandidate[]): void {
  const found: RefCandidate[] = [];
  const insideExcluded = (start: number, end: number) =>
    excluded.some((e) => start < e.end && end > e.start);

  GLUED_REF.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GLUED_REF.exec(line)) !== null) {
    const before = m[1];
    const label = m[2];
    const start = m.index + before.length;
    const end = start + label.length;
    // Let the next search start at the label, so `)1.2` style runs are not skipped.
    GLUED_REF.lastIndex = start;
    if (GLUED_REF.lastIndex === m.index) GLUED_REF.lastIndex++;
    GLUED_REF.lastIndex = Math.max(GLUED_REF.lastIndex, end);
    if (insideExcluded(offset + start, offset + end)) continue;
    const prev2 = start >= 2 ? line.charCodeAt(start - 2) : 0;
    let cost = 0;
    let skipCost = SKIP_STRONG;
    if ((before === '.' || before === ',' || before === ':') && isDigit(prev2)) {
      // `1.45 a.m.`, `1,000`, `10:30`: numbers, unless the notes need them (`1951,5`).
      if (before === ',' && /^\d{3}$/.test(label)) continue;
      if (before === ':' && /^\d{2}$/.test(label)) continue;
      // `1856.1 The` ends a sentence with a reference; `10.30 a.m.`, `3.5 million` are numbers.
      if (before === '.' && !/^(?:$|\s+[\p{Lu}“"‘(\[]|[,;:)\]”’])/u.test(line.slice(end, end + 3))) continue;
      cost = before === ',' ? 0.3 : 1;
      skipCost = before === ',' ? 1 : SKIP_WEAK;
    }
    found.push({ alternatives: [{ start: offset + start, end: offset + end, label, cost }], skipCost });
  }

  DATE_WITH_REF.lastIndex = 0;
  while ((m = DATE_WITH_REF.exec(line)) !== null) {
    const run = m[1];
    const runStart = m.index + m[0].length - run.length;
    const value = Number(run);
    if (run.length === 4 && value >= 1600 && value <= 2099) continue; // a year: `May 1951`
    if (run[0] !== '0' && value <= 31) continue; // just a day
    const alternatives: RefAlternative[] = [];
    for (const dayLength of [2, 1]) {
      const day = Number(run.slice(0, dayLength));
      const label = run.slice(dayLength);
      if (label.length === 0 || label[0] === '0' || day < 1 || day > 31 || run[0] === '0') continue;
      const start = offset + runStart + dayLength;
      alternatives.push({ start, end: start + label.length, label, cost: dayLength === 2 ? 0.6 : 0.9 });
    }
    if (alternatives.length > 0 && !insideExcluded(alternatives[0].start, alternatives[0].end)) {
      found.push({ alternatives, skipCost: SKIP_WEAK });
    }
  }

  YEAR_WITH_REF.lastIndex = 0;
  while ((m = YEAR_WITH_REF.exec(line)) !== null) {
    const label = m[2];
    if (label[0] === '0') continue;
    const start = offset + m.index + m[0].length - label.length;
    found.push({ alternatives: [{ start, end: start + label.length, label, cost: 0.6 }], skipCost: SKIP_WEAK });
  }

  found.sort((a, b) => a.alternatives[0].start - b.alternatives[0].start);
  for (const c of found) out.push(c);
}

function numeric(label: string): number | null {
  const m = /^(\d+)/.exec(label);
  return m ? Number(m[1]) : null;
}

/** The cost of a label following the previous chosen label, for the note at `noteIndex`. */
function continuity(prev: string | null, label: string, noteIndex: number): number {
  const value = numeric(label);
  if (value === null) return 0.2; // symbols (`*`, `†`) run per page
  const positional = value === noteIndex + 1 ? 0 : 0.15;
  if (prev === null) return (value === 1 ? 0 : 0.4) + positional;
  const previous = numeric(prev);
  if (previous === null) return (value === 1 ? 0 : 0.4) + positional;
  if (value === previous + 1) return positional;
  if (value === 1) return 0.2 + positional;
  if (value === previous) return 0.5 + positional;
  if (value === previous + 2) return 0.4 + positional;
  return 0.8 + positional;
}

/**
 * Ties candidates to `noteCount` notes in order, choosing the cheapest explanation: each note is
 * referenced once or left unreferenced; each candidate is used once or skipped.
 */
export function resolveReferences(candidates: RefCandidate[], noteCount: number): ResolvedRef[] {
  const m = candidates.length;
  if (noteCount === 0 || m === 0) return [];
  // skipPrefix[i] = cost of skipping candidates 0..i-1
  const skipPrefix = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) skipPrefix[i + 1] = skipPrefix[i] + candidates[i].skipCost;

  // States: one per (candidate, alternative, note). Stored flat with back-pointers.
  interface State {
    cost: number;
    candidate: number;
    alternative: number;
    note: number;
    back: number;
  }
  const states: State[] = [];
  const byCandidate: number[][] = []; // candidate -> state indexes

  for (let i = 0; i < m; i++) {
    const mine: number[] = [];
    const alts = candidates[i].alternatives;
    for (let a = 0; a < alts.length; a++) {
      const alt = alts[a];
      for (let k = 0; k < noteCount; k++) {
        // Start fresh: skip candidates before i and notes before k.
        let best = skipPrefix[i] + k * SKIP_NOTE + alt.cost + continuity(null, alt.label, k);
        let back = -1;
        for (let j = i - 1; j >= 0 && j >= i - WINDOW; j--) {
          const between = skipPrefix[i] - skipPrefix[j + 1];
          if (between >= best) break;
          const prevAlts = candidates[j].alternatives;
          for (let b = 0; b < prevAlts.length; b++) {
            const base = byCandidate[j][b * noteCount];
            for (let kp = Math.max(0, k - NOTE_WINDOW); kp < k; kp++) {
              const s = base + kp;
              const cost =
                states[s].cost +
                between +
                (k - kp - 1) * SKIP_NOTE +
                alt.cost +
                continuity(prevAlts[b].label, alt.label, k);
              if (cost < best) {
                best = cost;
                back = s;
              }
            }
          }
        }
        mine.push(states.length);
        states.push({ cost: best, candidate: i, alternative: a, note: k, back });
      }
    }
    byCandidate.push(mine);
  }

  let bestEnd = -1;
  let bestCost = noteCount * SKIP_NOTE + skipPrefix[m];
  for (let s = 0; s < states.length; s++) {
    const st = states[s];
    const cost = st.cost + (skipPrefix[m] - skipPrefix[st.candidate + 1]) + (noteCount - 1 - st.note) * SKIP_NOTE;
    if (cost < bestCost) {
      bestCost = cost;
      bestEnd = s;
    }
  }
  const chosen: ResolvedRef[] = [];
  for (let s = bestEnd; s >= 0; s = states[s].back) {
    const st = states[s];
    const alt = candidates[st.candidate].alternatives[st.alternative];
    chosen.push({ ...alt, note: st.note });
  }
  return chosen.reverse();
}

/** Whether a character code is a decimal digit (exported for the parser's quick checks). */
export { isDigit };
