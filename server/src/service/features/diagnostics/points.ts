/**
 * `point-sequence`: a numbered, lettered or roman list that skips or repeats a label (1, 2, 4).
 *
 * Lists nest (`1.` … `(a)` `(b)` … `2.` … `(a)`), so labels are grouped by style (`1.`, `(a)`,
 * `a.`, `(1)`, `5)`, `1st:`, `iv.` …): a style seen before closes the deeper styles opened after
 * it, and a style's labels must run on by one. A list may start anywhere (an extract begins with
 * point 4) and restart at 1 (a quoted document's own list); a step over points an editorial
 * bracket says were left out (`[1 paragraph (5 lines) not declassified]`, `[Here follows …]`) is
 * the edition's, not the transcription's. A telegram numbers its first paragraph with the
 * telegram's own number and the next `2.`, which is no step back either.
 */
import type { Memo, MemoModel, Point } from '../../parser/model';
import { numberToRoman, romanToNumber } from '../pages';
import type { Finding, LabelKind } from './types';

type Kind = LabelKind;

interface LabelParts {
  prefix: string;
  core: string;
  suffix: string;
}

const LABEL = /^(\(?)(\d{1,3}(?:st|nd|rd|th)?|[A-Za-z]|[ivxlcIVXLC]{1,6})([.):]?)$/;

/** An editorial bracket saying that text (and with it list points) was left out. */
const OMISSION = /not declassified|omitted|not printed|here follows?|deleted|excised|illegible|missing|not found|remainder|paragraphs? \d/i;

function parts(label: string): LabelParts | null {
  const m = LABEL.exec(label);
  return m ? { prefix: m[1], core: m[2], suffix: m[3] } : null;
}

/** The readings of a label's core: one, or two for a letter that is also a roman numeral (`i`, `v`, `x`, `l`, `c`). */
function readings(core: string): Array<{ kind: Kind; value: number }> {
  if (/^\d+(?:st|nd|rd|th)$/.test(core)) return [{ kind: 'ordinal', value: parseInt(core, 10) }];
  if (/^\d+$/.test(core)) return [{ kind: 'arabic', value: Number(core) }];
  const upper = core === core.toUpperCase();
  const out: Array<{ kind: Kind; value: number }> = [];
  if (core.length === 1) out.push({ kind: upper ? 'upper-alpha' : 'lower-alpha', value: core.toLowerCase().charCodeAt(0) - 96 });
  const roman = romanToNumber(core);
  if (roman !== null && numberToRoman(roman) === core.toLowerCase()) out.push({ kind: upper ? 'upper-roman' : 'lower-roman', value: roman });
  return out;
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** `label` written with the value `value` in its own style (`4.` → `3.`, `(d)` → `(c)`, `iv.` → `iii.`), or null. */
export function relabel(label: string, kind: Kind, value: number): string | null {
  const p = parts(label);
  if (!p || value < 1) return null;
  let core: string;
  switch (kind) {
    case 'arabic': core = String(value); break;
    case 'ordinal': core = `${value}${ordinalSuffix(value)}`; break;
    case 'lower-alpha': case 'upper-alpha':
      if (value > 26) return null;
      core = String.fromCharCode(96 + value);
      if (kind === 'upper-alpha') core = core.toUpperCase();
      break;
    default: core = numberToRoman(value, kind === 'upper-roman');
  }
  return p.prefix + core + p.suffix;
}

interface Level {
  key: string;
  kind: Kind;
  last: number;
  lastPoint: number;
  /** The points of the current run of this style (restarts begin a new run). */
  run: number[];
}

export function checkPoints(model: MemoModel): Finding[] {
  return model.memos.flatMap((memo, index) => checkMemoPoints(model, memo, index));
}

function checkMemoPoints(model: MemoModel, memo: Memo, memoIndex: number): Finding[] {
  const out: Array<{ finding: Finding; run: number[]; from: number; at: number; kind: Kind }> = [];
  const stack: Level[] = [];
  memo.points.forEach((point, i) => {
    const p = parts(point.label);
    if (!p) return;
    const options = readings(p.core).map((r) => ({ ...r, key: `${p.prefix}|${r.kind}|${p.suffix}` }));
    if (options.length === 0) return;
    // A letter that is also a numeral (`i`, `v`, `x`…): the reading that continues an open list wins.
    const open = (key: string) => stack.findIndex((l) => l.key === key);
    const chosen =
      options.find((o) => open(o.key) >= 0 && stack[open(o.key)].last + 1 === o.value) ??
      (options.length > 1 && p.core.toLowerCase() === 'i' && !options.some((o) => open(o.key) >= 0 && o.kind.endsWith('alpha'))
        ? options.find((o) => o.kind.endsWith('roman'))
        : undefined) ??
      options.find((o) => open(o.key) >= 0) ??
      options[0];
    const depth = open(chosen.key);
    if (depth < 0) {
      stack.push({ key: chosen.key, kind: chosen.kind, last: chosen.value, lastPoint: i, run: [i] });
      return;
    }
    stack.length = depth + 1;
    const level = stack[depth];
    const previous = memo.points[level.lastPoint];
    // A telegram's first paragraph opens with the telegram's number (`621. At the suggestion …`),
    // its second with `2.`: that number began no list.
    const telegram = chosen.value === 2 && level.run.length === 1 && previous.inline && point.inline;
    if (chosen.value === 1 || telegram) {
      level.run = [i];
    } else {
      level.run.push(i);
      if (chosen.value !== level.last + 1 && !omissionBetween(model, memo, previous, point)) {
        const expected = relabel(point.label, chosen.kind, level.last + 1) ?? String(level.last + 1);
        const message =
          chosen.value > level.last + 1
            ? `Point ${point.label} follows ${previous.label}: ${
                chosen.value === level.last + 2 ? `${expected} is missing` : `${expected} to ${relabel(point.label, chosen.kind, chosen.value - 1)} are missing`
              }.`
            : chosen.value === level.last
              ? `Point ${point.label} repeats the label of the previous point.`
              : `Point ${point.label} follows ${previous.label}: the numbering runs backwards.`;
        out.push({
          finding: {
            code: 'point-sequence',
            message,
            span: point.labelSpan,
            related: [{ span: previous.labelSpan, message: `the previous point, ${previous.label}` }],
          },
          run: level.run,
          from: level.last + 1,
          at: level.run.length - 1,
          kind: chosen.kind,
        });
      }
    }
    level.last = chosen.value;
    level.lastPoint = i;
  });
  // Runs grew while the list was read: a fix renumbers the point and the rest of its run.
  return out.map(({ finding, run, from, at, kind }) => ({
    ...finding,
    data: { kind: 'renumber', memo: memoIndex, points: run.slice(at), from, style: kind },
  }));
}

function omissionBetween(model: MemoModel, memo: Memo, a: Point, b: Point): boolean {
  return memo.insertions.some((s) => s.start >= a.start && s.end <= b.start && OMISSION.test(model.text.slice(s.start, s.end)));
}
