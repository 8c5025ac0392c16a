/**
 * The vocabulary of the transcription checks: stable codes, severities, settings, and the
 * diagnostic a check reports (offset spans into the text; the adapters turn them into ranges).
 */
import type { Span } from '../../parser/model';

/** Every check's code, stable: settings, CLI output and SARIF rules use them. */
export const DIAGNOSTIC_CODES = [
  'footnote-undefined',
  'footnote-unused',
  'footnote-order',
  'page-gap',
  'page-order',
  'point-sequence',
  'repeated-word',
  'unbalanced-bracket',
  'unbalanced-quote',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A setting's value: a severity, or `off`. */
export type Level = Severity | 'off';

export const LEVELS: readonly Level[] = ['off', 'error', 'warning', 'information', 'hint'];

/**
 * Default severity of each check. Errors are what no printed edition can mean (a reference
 * without a note, pages running backwards); the rest may on rare occasions be the source's own
 * (a numbering slip in the original, a quotation FRUS leaves open), so they warn.
 */
export const DEFAULT_LEVELS: Readonly<Record<DiagnosticCode, Level>> = {
  'footnote-undefined': 'error',
  'footnote-unused': 'warning',
  'footnote-order': 'warning',
  'page-gap': 'warning',
  'page-order': 'error',
  'point-sequence': 'warning',
  'repeated-word': 'warning',
  'unbalanced-bracket': 'warning',
  'unbalanced-quote': 'warning',
};

/** One-line description of each check (settings UI, SARIF rules, `memo-check --help`). */
export const CODE_DESCRIPTIONS: Readonly<Record<DiagnosticCode, string>> = {
  'footnote-undefined': 'A footnote reference in the text has no note in the notes block.',
  'footnote-unused': 'A note of the notes block is referred to nowhere in the text.',
  'footnote-order': 'Footnote labels run backwards to a label not used before, or the notes block skips a number.',
  'page-gap': 'A printed page is missing between two page markers ([Page 508] followed by [Page 510]).',
  'page-order': 'A page marker goes backwards or repeats ([Page 510] followed by [Page 509]).',
  'point-sequence': 'A numbered, lettered or roman list skips or repeats a label (1, 2, 4).',
  'repeated-word': 'A word is doubled (“to be be excited”), also across a page marker.',
  'unbalanced-bracket': 'A bracket or parenthesis is opened and not closed, or closed without being opened.',
  'unbalanced-quote': 'A quotation is opened and not closed (multi-paragraph quotations excepted), or closed without being opened.',
};

/** Settings: the level of each code; codes left out keep their default. */
export type DiagnosticSettings = Partial<Record<DiagnosticCode, Level>>;

/** Another place the diagnostic concerns: the other end of a pair, the previous item of a sequence. */
export interface RelatedSpan {
  span: Span;
  message: string;
}

/** What a quick fix needs to know, beyond the diagnostic's span. */
export type FixData =
  /** The doubled word: `first` is kept, `second` is the duplicate. */
  | { kind: 'repeated-word'; first: Span; second: Span }
  /**
   * Missing notes: stubs numbered `numbers` go in at offset `at`, after the line ending there
   * (the end of the notes block), before the line starting there (a gap in the block), or as a
   * new notes block after the memo's last text.
   */
  | { kind: 'missing-note'; at: number; numbers: number[]; placement: 'after-line' | 'before-line' | 'new-block' }
  /** Points `points` of memo `memo` (indexes into `Memo.points`) should count on from `from`, in `style`. */
  | { kind: 'renumber'; memo: number; points: number[]; from: number; style: LabelKind };

/** How a list label counts: `1.`, `1st:`, `a.`, `A.`, `iv.`, `IV.`. */
export type LabelKind = 'arabic' | 'ordinal' | 'lower-alpha' | 'upper-alpha' | 'lower-roman' | 'upper-roman';

/** A finding of a check, with its default severity applied or overridden by the settings. */
export interface MemoDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  related: RelatedSpan[];
  data?: FixData;
}

/** What a check returns: a diagnostic before the settings give it a severity. */
export type Finding = Omit<MemoDiagnostic, 'severity'>;

export function isDiagnosticCode(value: unknown): value is DiagnosticCode {
  return typeof value === 'string' && (DIAGNOSTIC_CODES as readonly string[]).includes(value);
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}
