/**
 * Footnote checks: `footnote-undefined` (a reference with no note), `footnote-unused` (a note
 * nothing refers to) and `footnote-order` (labels running backwards; a notes block that skips a
 * number).
 *
 * The parser ties references to notes by order, choosing among glued-number candidates the
 * sequence that best explains the notes; with a note lost it explains one reference fewer and
 * leaves a candidate out. So the references are counted again here: the parser's, plus the
 * candidates it left out that continue the label sequence (the label after the last one: `4`
 * after `3`). When they outnumber the notes, the ones past the last note have none, and those
 * are reported if their label continues the sequence. That keeps `MIG15`, `B29`, `CO2`, and a
 * label FRUS re-uses for a repeated “Not printed.” note (`6 … 7 … 6`), from being reported.
 * A notes block that skips a number ends there for the parser: the notes after the gap are
 * reported (footnote-order) instead of the references that point to them.
 */
import type { Memo, MemoModel, Note, Span } from '../../parser/model';
import { NOTE_CONTINUATION, NOTE_LINE } from '../../parser/patterns';
import { shiftCandidate, type RefCandidate } from '../../parser/references';
import { memoLines, type TextLine } from './text';
import type { Finding, RelatedSpan } from './types';

/** Stub notes a fix may insert at once; a longer run of missing notes wants a person. */
const MAX_STUBS = 20;

export function checkFootnotes(model: MemoModel): Finding[] {
  const out: Finding[] = [];
  const runs = model.memos.map((memo) => orphanNoteRun(memoLines(model, memo)));
  model.memos.forEach((memo, index) => {
    const run = runs[index];
    const onlyOrphans = run !== null && run.first === 0;
    const previous = index > 0 ? model.memos[index - 1] : null;
    // A notes block that skips a number makes the parser end the block there; the rest becomes
    // a "memo" of orphan notes, or trailing body lines when note 1 itself is missing.
    if (run) {
      const continues = onlyOrphans && previous?.notesBlock ? previous : null;
      out.push(...checkOrphanRun(run.lines, continues ? continues.notes.length + 1 : 1, continues));
    }
    const followedByOrphans = index + 1 < model.memos.length && runs[index + 1]?.first === 0;
    const gaps = notesBlockGaps(memo);
    out.push(...gaps);
    // Where the notes block skips a number, the missing note explains the reference without
    // one; the gap's finding (with its stub fix) says so once.
    if (!run && !followedByOrphans && gaps.length === 0) out.push(...undefinedReferences(model, memo));
    out.push(...unusedNotes(memo));
    out.push(...labelOrder(memo));
  });
  return out;
}

/** The trailing lines of a memo that look like notes but are outside its notes block. */
function orphanNoteRun(lines: TextLine[]): { lines: TextLine[]; first: number } | null {
  let first = lines.length;
  while (first > 0) {
    const line = lines[first - 1];
    if (line.kind === 'note' || line.kind === 'noteContinuation') return null;
    if (!NOTE_LINE.test(line.text) && !NOTE_CONTINUATION.test(line.text)) break;
    first--;
  }
  while (first < lines.length && !NOTE_LINE.test(lines[first].text)) first++;
  return first < lines.length ? { lines: lines.slice(first), first } : null;
}

function checkOrphanRun(lines: TextLine[], expectedFirst: number, previous: Memo | null): Finding[] {
  const out: Finding[] = [];
  let expected = expectedFirst;
  let before: RelatedSpan | null = previous && previous.notes.length > 0
    ? { span: previous.notes[previous.notes.length - 1].labelSpan, message: `note ${previous.notes.length} is here` }
    : null;
  for (const line of lines) {
    const m = NOTE_LINE.exec(line.text);
    if (!m) continue;
    const n = Number(m[1]);
    const labelStart = line.start + m[0].indexOf(m[1]);
    const span = { start: labelStart, end: labelStart + m[1].length + 1 };
    if (n !== expected) {
      const missing = n > expected ? range(expected, n - 1) : [];
      const message =
        n > expected
          ? `Note ${n} follows ${expected === 1 ? 'no note' : `note ${expected - 1}`}: ${
              missing.length === 1 ? `note ${missing[0]} is` : `notes ${missing[0]}–${missing[missing.length - 1]} are`
            } missing, so the notes block ends before this line.`
          : `Note ${n} follows note ${expected - 1}: the notes block numbers its notes 1, 2, 3 … by position, so it ends before this line.`;
      out.push({
        code: 'footnote-order',
        message,
        span,
        related: before ? [before] : [],
        data: missing.length > 0 && missing.length <= MAX_STUBS
          ? { kind: 'missing-note', at: line.start, numbers: missing, placement: 'before-line' }
          : undefined,
      });
    }
    before = { span, message: `note ${n} is here` };
    expected = n + 1;
  }
  return out;
}

/** Notes the block's numbering skips (`1.`, `3.`: note 2 was lost in copying). */
function notesBlockGaps(memo: Memo): Finding[] {
  const out: Finding[] = [];
  for (let i = 1; i < memo.notes.length; i++) {
    const before = memo.notes[i - 1];
    const note = memo.notes[i];
    const previous = Number(before.label);
    const n = Number(note.label);
    if (n <= previous + 1) continue;
    const missing = range(previous + 1, n - 1);
    out.push({
      code: 'footnote-order',
      message: `Note ${n} follows note ${previous}: ${
        missing.length === 1 ? `note ${missing[0]} is` : `notes ${missing[0]}–${missing[missing.length - 1]} are`
      } missing from the notes block.`,
      span: note.labelSpan,
      related: [{ span: before.labelSpan, message: `note ${previous} is here` }],
      data: { kind: 'missing-note', at: note.start, numbers: missing, placement: 'before-line' },
    });
  }
  return out;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

function numeric(label: string): number | null {
  const m = /^(\d+)/.exec(label);
  return m ? Number(m[1]) : null;
}

function undefinedReferences(model: MemoModel, memo: Memo): Finding[] {
  const chosen = new Map(memo.refs.map((r) => [r.start, r]));
  const candidates = memo.refCandidates.map((c) => shiftCandidate(c, memo.start));
  const chosenOf = (c: RefCandidate) => c.alternatives.map((a) => chosen.get(a.start)).find((r) => r !== undefined);
  // The references in text order: the parser's, and the candidates it left out that continue
  // the label sequence (the label after the last one), which a lost note made it drop.
  const sequence: Array<{ span: Span; label: string; chosen: boolean }> = [];
  let last = 0;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const ref = chosenOf(c);
    if (ref) {
      sequence.push({ span: ref, label: ref.label, chosen: true });
      last = numeric(ref.label) ?? last;
      continue;
    }
    const alt = c.alternatives.find((a) => numeric(a.label) === last + 1);
    if (!alt) continue;
    // The label's own reference may come later (`MIG2 … Embassy.2`): then this one is not it.
    const next = candidates.slice(i + 1).map(chosenOf).find((r) => r !== undefined);
    if (next && next.label === alt.label) continue;
    sequence.push({ span: alt, label: alt.label, chosen: false });
    last = numeric(alt.label) ?? last;
  }
  const excess = sequence.length - memo.notes.length;
  if (excess <= 0 || sequence.every((r) => r.chosen)) return [];
  // Notes are tied by order, so the references past the last note are the ones without one;
  // a glued number that does not continue the labels (`MIG15` after `6`) is no reference at all,
  // even where the parser took it for one.
  const lastNote: Note | undefined = memo.notes[memo.notes.length - 1];
  const labels = sequence.map((r) => r.label).join(', ');
  const continues = (i: number) => numeric(sequence[i].label) === (i > 0 ? (numeric(sequence[i - 1].label) ?? -1) : 0) + 1;
  const missing = sequence.map((ref, i) => ({ ref, i })).slice(sequence.length - excess).filter(({ i }) => continues(i));
  return missing.map(({ ref, i }) => {
    const before = sequence[i - 1];
    const related: RelatedSpan[] = [];
    if (before) related.push({ span: before.span, message: `the reference before it, “${before.label}”` });
    if (lastNote) related.push({ span: lastNote.labelSpan, message: `the notes block ends with note ${lastNote.label}` });
    return {
      code: 'footnote-undefined' as const,
      message: memo.notesBlock
        ? `Footnote reference “${ref.label}” has no note: the text has ${sequence.length} references (${labels}) and the notes block ${memo.notes.length} note${memo.notes.length === 1 ? '' : 's'}.`
        : `Footnote reference “${ref.label}” has no note: the memo has no notes block.`,
      span: { start: ref.span.start, end: ref.span.end },
      related,
      data: memo.notesBlock
        ? { kind: 'missing-note' as const, at: memo.notesBlock.end, numbers: [memo.notes.length + 1], placement: 'after-line' as const }
        : { kind: 'missing-note' as const, at: contentEnd(model, memo), numbers: [1], placement: 'new-block' as const },
    };
  });
}

/** The end of a memo's last non-blank character. */
function contentEnd(model: MemoModel, memo: Memo): number {
  let end = memo.end;
  while (end > memo.start && /\s/.test(model.text[end - 1])) end--;
  return end;
}

function unusedNotes(memo: Memo): Finding[] {
  const out: Finding[] = [];
  memo.notes.forEach((note, k) => {
    if (note.refs.length > 0) return;
    const related: RelatedSpan[] = [];
    const before = memo.notes.slice(0, k).reverse().find((n) => n.refs.length > 0);
    const after = memo.notes.slice(k + 1).find((n) => n.refs.length > 0);
    if (before) related.push({ span: memo.refs[before.refs[before.refs.length - 1]], message: `note ${before.label} is referred to here` });
    if (after) related.push({ span: memo.refs[after.refs[0]], message: `note ${after.label} is referred to here` });
    out.push({
      code: 'footnote-unused',
      message: `Note ${note.label} is referred to nowhere in the text${before || after ? ': its reference should stand between those of the neighbouring notes' : ''}.`,
      span: note.labelSpan,
      related,
    });
  });
  return out;
}

/**
 * Labels as printed may restart (per page: `1 … 1`), repeat (FRUS re-uses a label for a repeated
 * “Not printed.” note: `6 … 7 … 6`) or start anywhere (per chapter: `65`); what no edition does is
 * go back to a label never used before (`1, 3, 2`).
 */
function labelOrder(memo: Memo): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<number>();
  let previous: { value: number; label: string; span: { start: number; end: number } } | null = null;
  for (const ref of memo.refs) {
    const value = numeric(ref.label);
    if (value === null) continue;
    if (previous && value < previous.value && value !== 1 && !seen.has(value)) {
      out.push({
        code: 'footnote-order',
        message: `Footnote label “${ref.label}” comes after “${previous.label}”: the labels run backwards.`,
        span: { start: ref.start, end: ref.end },
        related: [{ span: previous.span, message: `label “${previous.label}” is here` }],
      });
    }
    seen.add(value);
    previous = { value, label: ref.label, span: { start: ref.start, end: ref.end } };
  }
  return out;
}
