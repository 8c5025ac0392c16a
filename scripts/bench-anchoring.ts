/**
 * Re-anchoring benchmark (`npm run bench:anchoring`): notes on passages of the real corpus
 * memos, the text then revised as transcriptions are (words corrected, sentences inserted,
 * paragraphs moved, the same words quoted again elsewhere, editorial brackets added, passages
 * deleted), and the notes anchored again from their stored selectors alone — the hard case of a
 * file changed on disk, with no edit history to follow. The true place of each passage is
 * tracked through the revision, and every outcome is classed:
 *   anchored ok    anchored, on the true words
 *   moved ok       flagged as moved, on the true words (or overlapping them)
 *   moved wrong    flagged as moved, elsewhere (the user was warned)
 *   orphaned       not found (kept and listed for re-attaching)
 *   WRONG          anchored without a flag on other words: must be 0
 * For deleted passages, orphaned is the right outcome and anything anchored is WRONG.
 */
import { AnchorText } from '../server/src/service/annotations/anchoring';
import { SourceText, createAnnotation, targetFor, type WebAnnotation } from '../server/src/service/annotations/model';
import { anchorOne } from '../server/src/service/annotations/tracking';
import { corpusDocuments } from '../test/util/corpus';

type Outcome = 'anchored ok' | 'moved ok' | 'moved wrong' | 'orphaned' | 'WRONG';
const OUTCOMES: Outcome[] = ['anchored ok', 'moved ok', 'moved wrong', 'orphaned', 'WRONG'];

/** A text being revised, with the passage's true place carried along (null once deleted). */
class Revision {
  constructor(public text: string, public s: number, public e: number, public alive = true) {}
  insert(at: number, what: string): void {
    this.text = this.text.slice(0, at) + what + this.text.slice(at);
    if (at <= this.s) {
      this.s += what.length;
      this.e += what.length;
    } else if (at < this.e) this.e += what.length;
  }
  remove(a: number, b: number): void {
    this.text = this.text.slice(0, a) + this.text.slice(b);
    const n = b - a;
    if (b <= this.s) {
      this.s -= n;
      this.e -= n;
    } else if (a >= this.e) {
      // after: nothing moves
    } else if (a >= this.s && b <= this.e) this.e -= n;
    else this.alive = false;
  }
  replace(a: number, b: number, what: string): void {
    if (a >= this.s && b <= this.e) {
      this.text = this.text.slice(0, a) + what + this.text.slice(b);
      this.e += what.length - (b - a);
      return;
    }
    this.remove(a, b);
    this.insert(a, what);
  }
  /** Moves [a, b) to `to` (an offset of the text before the move, outside [a, b)). */
  move(a: number, b: number, to: number): void {
    const block = this.text.slice(a, b);
    const inside = this.s >= a && this.e <= b;
    const rel = this.s - a;
    const len = this.e - this.s;
    const target = to > b ? to - (b - a) : to;
    if (inside) {
      this.text = this.text.slice(0, a) + this.text.slice(b);
      this.text = this.text.slice(0, target) + block + this.text.slice(target);
      this.s = target + rel;
      this.e = this.s + len;
      return;
    }
    this.remove(a, b);
    this.insert(target, block);
  }
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Block {
  start: number;
  end: number;
}

/** Body paragraphs: blocks between blank lines, long enough to hold prose, notes excluded. */
function paragraphs(text: string): Block[] {
  const out: Block[] = [];
  const re = /[^\n]+(?:\n[^\n]+)*/g;
  for (const m of text.matchAll(re)) {
    const t = m[0];
    if (t.length < 120 || /^ {2}\d+\. /.test(t) || t.includes('\t')) continue;
    out.push({ start: m.index!, end: m.index! + t.length });
  }
  return out;
}

/** Word spans of a range of text. */
function wordsIn(text: string, from: number, to: number): Block[] {
  return [...text.slice(from, to).matchAll(/[A-Za-z][A-Za-z'’-]*/g)].map((m) => ({ start: from + m.index!, end: from + m.index! + m[0].length }));
}

interface Passage {
  kind: 'phrase' | 'sentence' | 'paragraph' | 'repeated phrase';
  s: number;
  e: number;
}

function pickPassages(text: string, rand: () => number): Passage[] {
  const paras = paragraphs(text);
  const out: Passage[] = [];
  for (const p of paras.filter((_, i) => i % 2 === 0).slice(0, 3)) {
    const words = wordsIn(text, p.start, p.end);
    if (words.length < 12) continue;
    const i = Math.floor(rand() * (words.length - 8));
    out.push({ kind: 'phrase', s: words[i].start, e: words[i + 3 + Math.floor(rand() * 4)].end });
    const sentences = [...text.slice(p.start, p.end).matchAll(/[A-Z][^.!?]{30,300}[.!?]/g)];
    if (sentences.length) {
      const m = sentences[Math.floor(rand() * sentences.length)];
      out.push({ kind: 'sentence', s: p.start + m.index!, e: p.start + m.index! + m[0].length });
    }
  }
  const short = paras.find((p) => p.end - p.start < 700);
  if (short) out.push({ kind: 'paragraph', s: short.start, e: short.end });
  // A phrase of 2–4 words that the memo itself repeats (“the Soviet Government”).
  const counts = new Map<string, number[]>();
  for (const p of paras) {
    const w = wordsIn(text, p.start, p.end);
    for (let i = 0; i + 2 < w.length; i++) {
      const phrase = text.slice(w[i].start, w[i + 2].end);
      if (phrase.length >= 14 && !phrase.includes('\n')) counts.set(phrase, [...(counts.get(phrase) ?? []), w[i].start]);
    }
  }
  const repeated = [...counts.entries()].filter(([, at]) => at.length >= 2).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  if (repeated.length) {
    const [phrase, at] = repeated[0];
    const start = at[Math.floor(rand() * at.length)];
    out.push({ kind: 'repeated phrase', s: start, e: start + phrase.length });
  }
  return out;
}

/** A typo-style correction of one word: two inner letters swapped or one letter changed. */
function corrected(word: string, rand: () => number): string {
  if (word.length < 4) return `${word}s`;
  const i = 1 + Math.floor(rand() * (word.length - 3));
  if (rand() < 0.5 && word[i] !== word[i + 1]) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  const letter = 'aeioustnr'[Math.floor(rand() * 9)];
  return word.slice(0, i) + (letter === word[i] ? 'y' : letter) + word.slice(i + 1);
}

type Reviser = (r: Revision, rand: () => number, original: string) => boolean;

const SENTENCES = [
  'The Ambassador added that he had no instructions on this point.',
  'This was said in a tone of some impatience.',
  'No reply has yet been received from the Foreign Office.',
];

/** Revisions, each returns false when it does not apply to this passage. */
const REVISIONS: Record<string, Reviser> = {
  'words corrected elsewhere': (r, rand) => {
    const words = wordsIn(r.text, 0, r.text.length).filter((w) => (w.end <= r.s - 5 || w.start >= r.e + 5) && w.end - w.start >= 4);
    for (let k = 0; k < 4 && words.length; k++) {
      const w = words.splice(Math.floor(rand() * words.length), 1)[0];
      r.replace(w.start, w.end, corrected(r.text.slice(w.start, w.end), rand));
      // Later words shift: recompute from the text.
      words.splice(0, words.length, ...wordsIn(r.text, 0, r.text.length).filter((x) => (x.end <= r.s - 5 || x.start >= r.e + 5) && x.end - x.start >= 4));
    }
    return true;
  },
  'word corrected inside': (r, rand) => {
    const words = wordsIn(r.text, r.s, r.e).filter((w) => w.end - w.start >= 4);
    if (words.length < 3) return false;
    const w = words[Math.floor(rand() * words.length)];
    r.replace(w.start, w.end, corrected(r.text.slice(w.start, w.end), rand));
    return true;
  },
  'sentences inserted': (r, rand) => {
    const before = r.text.lastIndexOf('. ', r.s - 1);
    r.insert(before >= 0 ? before + 2 : 0, `${SENTENCES[Math.floor(rand() * 3)]} `);
    const after = r.text.indexOf('. ', r.e + 1);
    if (after >= 0) r.insert(after + 2, `${SENTENCES[Math.floor(rand() * 3)]} `);
    return true;
  },
  'paragraph moved': (r) => {
    const paras = paragraphs(r.text);
    const own = paras.find((p) => p.start <= r.s && r.e <= p.end);
    const other = paras.find((p) => p !== own && (p.start > (own?.end ?? 0) + 2 || p.end < (own?.start ?? 0) - 2));
    if (!own || !other) return false;
    // The passage's own paragraph goes before (or after) another one, with its blank line.
    const to = other.start < own.start ? other.start : other.end + 2;
    if (to > r.text.length) return false;
    r.move(own.start, Math.min(r.text.length, own.end + 2), to);
    return true;
  },
  'other paragraph moved over it': (r) => {
    const paras = paragraphs(r.text);
    const other = paras.find((p) => p.end < r.s - 2);
    if (!other) return false;
    r.move(other.start, other.end + 2, Math.min(r.text.length, (paras.find((p) => p.start > r.e)?.start ?? r.text.length)));
    return true;
  },
  'same quote repeated elsewhere': (r, rand) => {
    const quote = r.text.slice(r.s, r.e);
    if (quote.includes('\n\n')) return false;
    const paras = paragraphs(r.text).filter((p) => p.end < r.s || p.start > r.e);
    if (!paras.length) return false;
    const p = paras[Math.floor(rand() * paras.length)];
    r.insert(p.end, ` As the text puts it, “${quote}”.`);
    return true;
  },
  '[sic] or page marker inside': (r, rand) => {
    const words = wordsIn(r.text, r.s, r.e);
    if (words.length < 3) return false;
    const w = words[1 + Math.floor(rand() * (words.length - 2))];
    r.insert(w.start, rand() < 0.5 ? '[sic] ' : '[Page 999] ');
    return true;
  },
  'combined: corrected, inserted, moved': (r, rand, original) =>
    REVISIONS['words corrected elsewhere'](r, rand, original) && REVISIONS['sentences inserted'](r, rand, original) &&
    (REVISIONS['other paragraph moved over it'](r, rand, original) || true),
  'passage deleted': (r) => {
    const start = Math.max(0, r.text.lastIndexOf('. ', r.s) + 2);
    const stop = r.text.indexOf('. ', r.e);
    r.remove(Math.min(start, r.s), stop >= 0 ? Math.max(stop + 2, r.e) : r.e);
    return true;
  },
};

function classify(truth: Revision, got: ReturnType<typeof anchorOne>): Outcome {
  if (!truth.alive) return got.status === 'orphaned' ? 'anchored ok' : got.status === 'moved' ? 'moved wrong' : 'WRONG';
  if (got.status === 'orphaned') return 'orphaned';
  const overlap = Math.max(0, Math.min(truth.e, got.end) - Math.max(truth.s, got.start));
  const union = Math.max(truth.e, got.end) - Math.min(truth.s, got.start);
  const iou = union > 0 ? overlap / union : 0;
  if (got.status === 'anchored') return iou >= 0.9 ? 'anchored ok' : 'WRONG';
  return iou >= 0.5 ? 'moved ok' : 'moved wrong';
}

function main(): void {
  const docs = corpusDocuments().filter((d) => !d.name.startsWith('frus-extraction/'));
  const table = new Map<string, Map<Outcome, number>>();
  const times: number[] = [];
  const wrongs: string[] = [];
  const rand = rng(1951);
  let total = 0;
  for (const doc of docs) {
    const original = doc.text;
    const source = new SourceText(original);
    for (const passage of pickPassages(original, rand)) {
      const target = targetFor(source, 'memo.txt', passage.s, passage.e, null);
      const annotation: WebAnnotation = createAnnotation('urn:uuid:bench', '2024-01-01T00:00:00Z', { text: 'n', tags: [] }, target);
      for (const [name, revise] of Object.entries(REVISIONS)) {
        const r = new Revision(original, passage.s, passage.e);
        if (!revise(r, rand, original) || r.text === original) continue;
        const t0 = performance.now();
        const got = anchorOne(new AnchorText(new SourceText(r.text)), annotation);
        times.push(performance.now() - t0);
        const outcome = classify(r, got);
        const row = table.get(name) ?? new Map<Outcome, number>();
        row.set(outcome, (row.get(outcome) ?? 0) + 1);
        table.set(name, row);
        total++;
        if (outcome === 'WRONG' || outcome === 'moved wrong') {
          wrongs.push(`${outcome} · ${name} · ${doc.name} · ${passage.kind} “${original.slice(passage.s, passage.e).slice(0, 50)}” → “${got.start >= 0 ? r.text.slice(got.start, got.end).slice(0, 50) : ''}” (${got.reason ?? got.method})`);
        }
      }
    }
  }
  const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`.padStart(7);
  const header = `${'revision'.padEnd(38)}${'n'.padStart(5)}${OUTCOMES.map((o) => o.padStart(13)).join('')}`;
  console.log(`Re-anchoring ${total} notes on ${docs.length} corpus memos, from the stored selectors alone\n`);
  console.log(header);
  const sum = new Map<Outcome, number>();
  for (const [name, row] of table) {
    const n = [...row.values()].reduce((a, b) => a + b, 0);
    for (const o of OUTCOMES) sum.set(o, (sum.get(o) ?? 0) + (row.get(o) ?? 0));
    console.log(`${name.padEnd(38)}${String(n).padStart(5)}${OUTCOMES.map((o) => `${String(row.get(o) ?? 0).padStart(5)} ${pct(row.get(o) ?? 0, n)}`).join('')}`);
  }
  console.log(`${'all'.padEnd(38)}${String(total).padStart(5)}${OUTCOMES.map((o) => `${String(sum.get(o) ?? 0).padStart(5)} ${pct(sum.get(o) ?? 0, total)}`).join('')}`);
  console.log('\n(for “passage deleted”, an orphan is the right answer and is counted under “anchored ok”)');
  times.sort((a, b) => a - b);
  console.log(`time per re-anchoring: median ${times[Math.floor(times.length / 2)].toFixed(2)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`);
  if (wrongs.length) console.log(`\nmisplaced:\n${wrongs.map((w) => `  ${w}`).join('\n')}`);
  console.log(`\nWRONG (anchored silently on other words): ${sum.get('WRONG') ?? 0}`);
  if ((sum.get('WRONG') ?? 0) > 0) process.exitCode = 1;
}

main();
