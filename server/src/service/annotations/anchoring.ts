/**
 * Re-anchoring: where an annotated passage lies in a (possibly changed) text. In order:
 * 1. the expected position (a range tracked through edits, then the stored
 *    TextPositionSelector) is checked against the quote;
 * 2. the quote is searched exactly, and its stored prefix/suffix decide between repeats;
 * 3. fuzzy matching (`approx-string-match`, Myers' bit-parallel algorithm, as Hypothesis does)
 *    finds a corrected passage, accepted above a minimum score;
 * 4. otherwise the annotation is orphaned: kept and listed, never dropped, never guessed.
 * All matching runs on a `MatchView` (brackets such as `[sic]` and `[Page 508]` removed,
 * whitespace collapsed) with a mapping back to document offsets.
 *
 * `anchored` means the same words were found where their surroundings say they belong;
 * `moved` means found with less than full certainty (words changed, surroundings changed, or a
 * repeat chosen by position): the user is told and can confirm or re-attach.
 */
import type { default as Search } from 'approx-string-match' with { 'resolution-mode': 'import' };
import { type SourceText } from './model';
import { matchView, prefersStrippedView, similarity, type MatchView } from './text';

// The package is an ES module; the server bundle and the tests load it through require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const search: typeof Search = require('approx-string-match').default;

export type AnchorStatus = 'anchored' | 'moved' | 'orphaned';

/** Where a passage lies now, in document (UTF-16) offsets; start = end = -1 when orphaned. */
export interface Anchor {
  status: AnchorStatus;
  start: number;
  end: number;
  /** 1 when anchored; below 1 when moved; 0 when orphaned. */
  confidence: number;
  /** How it was found: `position`, `quote`, `fuzzy`, `edit` (followed an edit), `none`. */
  method: 'position' | 'quote' | 'fuzzy' | 'edit' | 'none';
  /** In words, for the user, when not plainly anchored. */
  reason?: string;
}

/** What a passage is remembered by: the TextQuoteSelector's fields. */
export interface QuoteTarget {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Average prefix/suffix similarity from which a candidate's surroundings count as its own (random text scores ~0.15). */
export const CONTEXT_OK = 0.5;
/** Context from which a short quote's exact match anchors wherever it is found. */
export const SURE_CONTEXT = 0.75;
/** Distance (characters of the normalised text) within which a match counts as near its old place. */
export const NEAR = 400;
/** Two candidates whose context scores differ by less than this are a tie. */
export const TIE_MARGIN = 0.1;
/** A unique exact match at least this long (code units of the match view) is trusted without its surroundings. */
export const LONG_QUOTE = 64;
/** Quotes shorter than this need their surroundings to agree before a fuzzy or lone match is accepted. */
export const SHORT_QUOTE = 20;
/** Fuzzy matches must keep at least this share of the quote (1 - errors / length). */
export const MIN_QUOTE_SIMILARITY = 0.75;
/** Minimum combined score (0.75 × quote similarity + 0.25 × context) of a fuzzy match. */
export const MIN_FUZZY_SCORE = 0.7;
/** How many distinct fuzzy candidates are looked at (each costs one pass of Myers' algorithm). */
const FUZZY_ROUNDS = 3;
/** More exact repeats than this are not scored one by one. */
const MAX_CANDIDATES = 2000;

/** A document text prepared for anchoring (views built on first use, shared by all its annotations). */
export class AnchorText {
  private views: { stripped?: MatchView; plain?: MatchView } = {};

  constructor(readonly source: SourceText) {}

  view(stripped: boolean): MatchView {
    const key = stripped ? 'stripped' : 'plain';
    return (this.views[key] ??= matchView(this.source.norm.text, stripped));
  }

  /** Document offsets of a match [s, e) in a view (the match's own first and last characters). */
  toDoc(view: MatchView, s: number, e: number): { start: number; end: number } {
    const norm = this.source.norm;
    return { start: norm.toDoc(view.map[s]), end: norm.toDoc(view.map[Math.max(s, e - 1)] + 1) };
  }
}

interface Candidate {
  /** Offsets in the match view. */
  s: number;
  e: number;
  quoteSim: number;
  context: number;
  exact: boolean;
  distance: number;
}

const orphan = (reason: string): Anchor => ({ status: 'orphaned', start: -1, end: -1, confidence: 0, method: 'none', reason });

/**
 * Anchors a quote in `text`. `hints` are expected document ranges, best first (a range
 * tracked through edits, the stored position); the first whose text is the quote wins.
 */
export function anchorQuote(text: AnchorText, quote: QuoteTarget, hints: Array<{ start: number; end: number }> = []): Anchor {
  const doc = text.source.doc;
  const exactNorm = quote.exact.replace(/\r\n?/g, '\n');
  const stripped = prefersStrippedView(exactNorm);
  const pattern = matchView(exactNorm, stripped).text;
  if (!pattern) return orphan('the annotated passage is empty');

  // 1. The expected place still holds the quote.
  for (const h of hints) {
    if (h.start < 0 || h.end > doc.length || h.start >= h.end) continue;
    const here = doc.slice(h.start, h.end);
    if (here.replace(/\r\n?/g, '\n') === exactNorm || matchView(here, stripped).text === pattern) {
      return { status: 'anchored', start: h.start, end: h.end, confidence: 1, method: 'position' };
    }
  }

  const view = text.view(stripped);
  const prefix = contextView(quote.prefix ?? '', stripped, 'prefix');
  const suffix = contextView(quote.suffix ?? '', stripped, 'suffix');
  const expected = hints.length > 0 ? text.source.norm.fromDoc(hints[0].start) : -1;
  const score = (s: number, e: number, quoteSim: number, exact: boolean): Candidate => ({
    s,
    e,
    quoteSim,
    exact,
    context: contextScore(view.text, s, e, prefix, suffix),
    distance: expected < 0 ? 0 : Math.abs(view.map[s] - expected),
  });
  const result = (c: Candidate, status: AnchorStatus, confidence: number, method: Anchor['method'], reason?: string): Anchor => {
    const { start, end } = text.toDoc(view, c.s, c.e);
    return { status, start, end, confidence: round(confidence), method, ...(reason ? { reason } : {}) };
  };

  // 2. Exact occurrences, told apart by their surroundings.
  const exact: Candidate[] = [];
  for (let i = view.text.indexOf(pattern); i >= 0 && exact.length < MAX_CANDIDATES; i = view.text.indexOf(pattern, i + 1)) {
    exact.push(score(i, i + pattern.length, 1, true));
  }
  const byContext = (a: Candidate, b: Candidate) => b.context - a.context || a.distance - b.distance;
  exact.sort(byContext);
  if (exact.length > 0 && exact[0].context >= CONTEXT_OK) {
    const best = exact[0];
    const rivals = exact.filter((c) => c !== best && c.context >= best.context - TIE_MARGIN);
    if (rivals.length === 0) {
      // Surroundings that only half agree are weak evidence for a short quote far from its old
      // place: a document may repeat a phrase in a near-identical sentence.
      const weak = best.context < SURE_CONTEXT && pattern.length < LONG_QUOTE / 2 && expected >= 0 && best.distance > NEAR;
      if (!weak) return result(best, 'anchored', 1, 'quote');
      return result(best, 'moved', 0.8, 'quote', 'found in similar surroundings, away from its old place');
    }
    const nearest = [best, ...rivals].sort((a, b) => a.distance - b.distance)[0];
    return result(nearest, 'moved', 0.5, 'quote',
      `the passage occurs ${rivals.length + 1} times with the same surroundings; the one nearest its old place was chosen`);
  }

  // 3. Fuzzy: the passage itself may have been corrected while look-alikes stayed unchanged.
  const fuzzy = fuzzyCandidates(view.text, pattern, exact).map((m) => score(m.s, m.e, 1 - m.errors / pattern.length, false));
  const combined = (c: Candidate) => 0.75 * c.quoteSim + 0.25 * c.context;
  const acceptable = fuzzy
    .filter((c) => c.quoteSim >= MIN_QUOTE_SIMILARITY && combined(c) >= MIN_FUZZY_SCORE)
    .filter((c) => pattern.length >= SHORT_QUOTE || c.context >= CONTEXT_OK)
    .sort((a, b) => combined(b) - combined(a) || a.distance - b.distance);
  if (acceptable.length > 0 && (exact.length === 0 || acceptable[0].context >= CONTEXT_OK)) {
    const best = acceptable[0];
    const rival = acceptable.find((c) => c !== best && !overlaps(c, best) && combined(best) - combined(c) < TIE_MARGIN / 2);
    if (rival && best.context - rival.context < TIE_MARGIN) {
      return orphan('the changed passage matches more than one place equally well');
    }
    return result(best, 'moved', Math.min(0.99, combined(best)), 'fuzzy',
      `the words changed (${Math.round(best.quoteSim * 100)}% alike); check the passage`);
  }

  // 4. Only exact look-alikes in other surroundings remain.
  if (exact.length === 1) {
    const only = exact[0];
    if (pattern.length >= LONG_QUOTE) return result(only, 'anchored', 1, 'quote');
    if (pattern.length >= SHORT_QUOTE || only.context >= CONTEXT_OK / 2) {
      return result(only, 'moved', 0.6 + 0.3 * only.context, 'quote', 'the words are here, but their surroundings changed');
    }
  }
  if (exact.length > 0) {
    return orphan(`the passage seems deleted: ${exact.length} look-alike${exact.length === 1 ? '' : 's'} in other surroundings remain`);
  }
  return orphan('the passage was not found in the text');
}

/** Candidates from Myers' algorithm, one per distinct place, found round by round with earlier places masked. */
function fuzzyCandidates(text: string, pattern: string, exact: Candidate[]): Array<{ s: number; e: number; errors: number }> {
  if (pattern.length < 4) return [];
  const maxErrors = Math.floor(pattern.length * (1 - MIN_QUOTE_SIMILARITY));
  if (maxErrors < 1) return [];
  let masked = text;
  const mask = (s: number, e: number) => {
    masked = masked.slice(0, s) + '\u0000'.repeat(e - s) + masked.slice(e);
  };
  // Exact look-alikes are already candidates of their own.
  for (const c of exact.slice(0, 50)) mask(c.s, c.e);
  const found: Array<{ s: number; e: number; errors: number }> = [];
  for (let round = 0; round < FUZZY_ROUNDS; round++) {
    const matches = search(masked, pattern, maxErrors);
    if (matches.length === 0) break;
    // Best matches overlapping one another are one place: keep the one closest in length.
    matches.sort((a, b) => a.start - b.start);
    let group: typeof matches = [];
    const flush = () => {
      if (group.length === 0) return;
      const pick = group.reduce((a, b) => (Math.abs(b.end - b.start - pattern.length) < Math.abs(a.end - a.start - pattern.length) ? b : a));
      const [s, e] = trimSpaces(text, pick.start, pick.end);
      if (e > s) found.push({ s, e, errors: pick.errors });
      group = [];
    };
    for (const m of matches) {
      if (group.length > 0 && m.start >= Math.max(...group.map((g) => g.end))) flush();
      group.push(m);
    }
    flush();
    for (const m of matches) mask(m.start, m.end);
  }
  return found;
}

/**
 * Keeps a tracked range in step with one edit (the cheap path). `edit` replaced
 * [start, oldEnd) of the old text with text ending at newEnd. Returns the new range, or null
 * when the edit overlaps the range's edges (the caller re-anchors from the quote).
 */
export function shiftRange(range: { start: number; end: number }, edit: { start: number; oldEnd: number; newEnd: number }): { start: number; end: number; inside: boolean } | null {
  const delta = edit.newEnd - edit.oldEnd;
  if (edit.oldEnd <= range.start) {
    // Entirely before (an insertion at the very start pushes the passage along).
    return { start: range.start + delta, end: range.end + delta, inside: false };
  }
  if (edit.start >= range.end) return { ...range, inside: false };
  if (edit.start >= range.start && edit.oldEnd <= range.end) {
    return { start: range.start, end: range.end + delta, inside: true };
  }
  return null;
}

/**
 * Status of a passage after an edit inside it: anchored when its words (in the match view)
 * are unchanged, moved with their similarity when changed, null when too little is left.
 */
export function statusAfterEdit(text: AnchorText, quote: QuoteTarget, start: number, end: number): Anchor | null {
  const exactNorm = quote.exact.replace(/\r\n?/g, '\n');
  const stripped = prefersStrippedView(exactNorm);
  const want = matchView(exactNorm, stripped).text;
  const have = matchView(text.source.doc.slice(start, end), stripped).text;
  if (have === want) return { status: 'anchored', start, end, confidence: 1, method: 'edit' };
  // Long passages: a cheap bound from lengths first (the full distance is quadratic).
  const longer = Math.max(want.length, have.length);
  const sim = longer > 4000 ? 1 - Math.abs(want.length - have.length) / longer : similarity(want, have);
  if (sim < 0.5) return null;
  return { status: 'moved', start, end, confidence: round(Math.min(0.99, sim)), method: 'edit', reason: `the passage was edited (${Math.round(sim * 100)}% alike)` };
}

function contextView(context: string, stripped: boolean, side: 'prefix' | 'suffix'): string {
  // A sentinel keeps the space that joins the context to the quote, which the view would trim.
  return side === 'prefix' ? matchView(`${context}x`, stripped).text.slice(0, -1) : matchView(`x${context}`, stripped).text.slice(1);
}

/** Mean similarity of the text around [s, e) to the remembered prefix and suffix. */
function contextScore(text: string, s: number, e: number, prefix: string, suffix: string): number {
  const before = prefix ? similarity(prefix, text.slice(Math.max(0, s - prefix.length), s)) : s === 0 ? 1 : 0.3;
  const after = suffix ? similarity(suffix, text.slice(e, e + suffix.length)) : e >= text.length ? 1 : 0.3;
  return (before + after) / 2;
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.s < b.e && b.s < a.e;
}

function trimSpaces(text: string, s: number, e: number): [number, number] {
  while (s < e && (text[s] === ' ' || text[s] === '\u0000')) s++;
  while (e > s && (text[e - 1] === ' ' || text[e - 1] === '\u0000')) e--;
  return [s, e];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
