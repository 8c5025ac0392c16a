/**
 * Quick fixes for the transcription checks, as exact LSP text edits:
 * - a doubled word: mark it `[sic]` (the documentary editor's way: the source is kept and the
 *   slip acknowledged), or remove the duplicate;
 * - a reference without a note, or a notes block that skips a number: insert stub notes
 *   (`  3. [Note text missing.]`) where the notes block needs them;
 * - a list that skips or repeats a label: renumber the point and the rest of its list.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { MemoModel, Span } from '../parser/model';
import { eolOf } from './diagnostics/text';
import { relabel, toLspDiagnostic, withFlatText, type FixData, type MemoDiagnostic } from './diagnostics';
import { toRange } from './ranges';

/** The text of an inserted note: editorial brackets, as the edition marks its own words. */
export const NOTE_STUB = '[Note text missing.]';

/** Code actions for the diagnostics touching `span` (the range the editor asks about). */
export function codeActions(model: MemoModel, uri: string, diagnostics: MemoDiagnostic[], span: Span): CodeAction[] {
  const out: CodeAction[] = [];
  model = withFlatText(model);
  for (const d of diagnostics) {
    if (!d.data || d.span.start > span.end || d.span.end < span.start) continue;
    const lsp = toLspDiagnostic(model, uri, d);
    for (const fix of fixesFor(model, d.data)) {
      if (fix.edits.length === 0) continue;
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        isPreferred: fix.preferred || undefined,
        edit: { changes: { [uri]: fix.edits.map((e) => ({ range: toRange(model, e.span), newText: e.newText })) } },
      });
    }
  }
  return out;
}

interface Fix {
  title: string;
  preferred?: boolean;
  edits: Array<{ span: Span; newText: string }>;
}

function fixesFor(model: MemoModel, data: FixData): Fix[] {
  switch (data.kind) {
    case 'repeated-word':
      return repeatedWordFixes(model, data.first, data.second);
    case 'missing-note':
      return [missingNoteFix(model, data.at, data.numbers, data.placement)];
    case 'renumber':
      return [renumberFix(model, data)];
  }
}

function repeatedWordFixes(model: MemoModel, first: Span, second: Span): Fix[] {
  const text = model.text;
  const word = text.slice(second.start, second.end);
  const pair = `${text.slice(first.start, first.end)} ${word}`;
  // Remove the second word with one space beside it, so `be be excited` reads `be excited` and
  // `be [Page 508] be excited` reads `be [Page 508] excited`.
  let remove: Span = second;
  if (text[second.end] === ' ' || text[second.end] === '\u00a0') remove = { start: second.start, end: second.end + 1 };
  else if (text[second.start - 1] === ' ' || text[second.start - 1] === '\u00a0') remove = { start: second.start - 1, end: second.end };
  return [
    { title: `Mark “${pair}” as [sic]`, preferred: true, edits: [{ span: { start: second.end, end: second.end }, newText: ' [sic]' }] },
    { title: `Remove the repeated “${word}”`, edits: [{ span: remove, newText: '' }] },
  ];
}

function missingNoteFix(model: MemoModel, at: number, numbers: number[], placement: 'after-line' | 'before-line' | 'new-block'): Fix {
  const eol = eolOf(model.text);
  const stubs = numbers.map((n) => `  ${n}. ${NOTE_STUB}`);
  const newText =
    placement === 'before-line'
      ? stubs.map((s) => s + eol).join('')
      : (placement === 'new-block' ? eol + eol : eol) + stubs.join(eol);
  const which = numbers.length === 1 ? `note ${numbers[0]}` : `notes ${numbers[0]}–${numbers[numbers.length - 1]}`;
  const where = placement === 'before-line' ? 'where the notes block skips it' : placement === 'new-block' ? 'in a new notes block' : 'at the end of the notes block';
  return { title: `Insert a stub for ${which} ${where}`, edits: [{ span: { start: at, end: at }, newText }] };
}

function renumberFix(model: MemoModel, data: Extract<FixData, { kind: 'renumber' }>): Fix {
  const memo = model.memos[data.memo];
  const edits: Fix['edits'] = [];
  const labels: string[] = [];
  data.points.forEach((index, k) => {
    const point = memo?.points[index];
    if (!point) return;
    const label = relabel(point.label, data.style, data.from + k);
    if (label === null) return;
    labels.push(label);
    if (label !== point.label) edits.push({ span: point.labelSpan, newText: label });
  });
  const first = memo?.points[data.points[0]];
  const range = labels.length > 1 ? `${labels[0]}–${labels[labels.length - 1]}` : labels[0];
  return {
    title: data.points.length > 1 ? `Renumber ${first?.label} and the ${data.points.length - 1} point${data.points.length > 2 ? 's' : ''} after it as ${range}` : `Renumber ${first?.label} as ${range}`,
    edits,
  };
}

