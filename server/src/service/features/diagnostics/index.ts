/**
 * The transcription checks of a memo, in one pure call: `checkMemo(model, settings)` runs every
 * check that is not switched off and gives each finding its severity. The language server
 * publishes the result, the `memo-check` CLI prints it; both convert it with the helpers here.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { MemoModel } from '../../parser/model';
import { toRange } from '../ranges';
import { checkBrackets } from './brackets';
import { checkFootnotes } from './footnotes';
import { checkPages } from './pages';
import { checkPoints } from './points';
import { checkQuotes } from './quotes';
import { checkRepeatedWords } from './repeatedWord';
import {
  DEFAULT_LEVELS,
  DIAGNOSTIC_CODES,
  isDiagnosticCode,
  isLevel,
  type DiagnosticCode,
  type DiagnosticSettings,
  type Finding,
  type Level,
  type MemoDiagnostic,
  type Severity,
} from './types';

export * from './types';
export { relabel } from './points';

/** At most this many diagnostics of one code per document, and one more that counts the rest. */
export const MAX_PER_CODE = 1000;

/** The checks, each with the codes it can report (a check whose codes are all off is skipped). */
const CHECKS: Array<{ codes: DiagnosticCode[]; run: (model: MemoModel) => Finding[] }> = [
  { codes: ['footnote-undefined', 'footnote-unused', 'footnote-order'], run: checkFootnotes },
  { codes: ['page-gap', 'page-order'], run: checkPages },
  { codes: ['point-sequence'], run: checkPoints },
  { codes: ['repeated-word'], run: checkRepeatedWords },
  { codes: ['unbalanced-bracket'], run: checkBrackets },
  { codes: ['unbalanced-quote'], run: checkQuotes },
];

/** The level a code has under `settings` (its default when unset). */
export function levelOf(settings: DiagnosticSettings | undefined, code: DiagnosticCode): Level {
  return settings?.[code] ?? DEFAULT_LEVELS[code];
}

/** Runs the checks on a parsed text; the diagnostics come in text order. */
export function checkMemo(model: MemoModel, settings: DiagnosticSettings = {}): MemoDiagnostic[] {
  const out: MemoDiagnostic[] = [];
  // The model may read its text from pieces on each access: the checks read it many times.
  model = withFlatText(model);
  for (const check of CHECKS) {
    if (check.codes.every((code) => levelOf(settings, code) === 'off')) continue;
    const counts = new Map<DiagnosticCode, number>();
    for (const finding of check.run(model)) {
      const level = levelOf(settings, finding.code);
      if (level === 'off') continue;
      const n = (counts.get(finding.code) ?? 0) + 1;
      counts.set(finding.code, n);
      if (n <= MAX_PER_CODE) out.push({ ...finding, severity: level });
      else if (n === MAX_PER_CODE + 1) out.push({ ...finding, severity: level, related: [], data: undefined, message: '' });
    }
    // A text that is not a memo (a word list, a dump) can yield findings by the hundred thousand:
    // editors choke on them. Past the limit, one diagnostic says how many more there are.
    for (const d of out) {
      if (d.message !== '') continue;
      const more = (counts.get(d.code) ?? 0) - MAX_PER_CODE;
      d.message = `${more} more ${d.code} finding${more === 1 ? '' : 's'} from here on are not shown (the first ${MAX_PER_CODE} are).`;
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}

/**
 * Reads settings as the client sends them (the `memo.diagnostics` object: `{ "repeated-word":
 * "off", … }`). Unknown codes and bad values are left out and named in `problems`, so a typo in
 * a settings file is reported rather than silently ignored.
 */
export function readSettings(raw: unknown): { settings: DiagnosticSettings; problems: string[] } {
  const settings: DiagnosticSettings = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: [`memo.diagnostics must be an object of code: level, not ${JSON.stringify(raw)}`] };
  }
  for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isDiagnosticCode(code)) {
      problems.push(`unknown diagnostic code "${code}" (known: ${DIAGNOSTIC_CODES.join(', ')})`);
    } else if (!isLevel(value)) {
      problems.push(`memo.diagnostics.${code}: ${JSON.stringify(value)} is not one of off, error, warning, information, hint`);
    } else {
      settings[code] = value;
    }
  }
  return { settings, problems };
}

/** The model with its text read once into a plain property. */
export function withFlatText(model: MemoModel): MemoModel {
  return { memos: model.memos, lines: model.lines, pageMarkers: model.pageMarkers, text: model.text };
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The LSP form of a diagnostic of the document `uri` (related spans become locations in it). */
export function toLspDiagnostic(model: MemoModel, uri: string, d: MemoDiagnostic): Diagnostic {
  return {
    range: toRange(model, d.span),
    severity: LSP_SEVERITY[d.severity],
    code: d.code,
    source: 'memo',
    message: d.message,
    relatedInformation: d.related.map((r) => ({ location: { uri, range: toRange(model, r.span) }, message: r.message })),
  };
}
