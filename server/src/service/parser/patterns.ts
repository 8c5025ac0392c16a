/**
 * The regular expressions of the memo parser, in one place so the catastrophic-backtracking
 * checks can see them all. None has nested quantifiers over overlapping classes.
 */

/** `[Page 508]`, `[Page xii]` anywhere in a line. */
export const PAGE_MARKER = /\[Page ([0-9]{1,5}|[ivxlcdmIVXLCDM]{1,12})\]/g;

/** A note of the notes block: two spaces, the list number, a dot, a space. */
export const NOTE_LINE = /^ {2}(\d{1,4})\. /;

/** A continuation paragraph of a note: indented deeper than the note's label. */
export const NOTE_CONTINUATION = /^ {3,}\S/;

/** A list label alone on its line: `1.`, `a.`, `iv.`, `(a)`, `(1)`, `5)`, `1st:`. */
export const POINT_LABEL_LINE =
  /^(?:\d{1,3}[.)]|[A-Za-z][.)]|[ivxlcIVXLC]{1,6}[.)]|\((?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\)|\d{1,3}(?:st|nd|rd|th):)$/;

/** A numbered paragraph whose label opens the line of text: `1. The …`, `(a) The …`. */
export const INLINE_POINT = /^(\d{1,3}\.|\((?:\d{1,3}|[a-z])\)) (?=[\p{Lu}“"‘(\[])/u;

/** Decimal file numbers (`795.00/5–2551`, `File No. 763.72/7106`): they can open a new memo. */
export const DECIMAL_FILE_NUMBER = /^(?:File No\.\s|\d{3}[0-9A-Z]*(?:\.[0-9A-Z]+)?(?: [A-Z]{1,6})?\/)/;

/** Archive citations heading a memo (`S/P Files: Lot 64 D 563`, `INR–NIE Files`): one phrase, no sentence. */
export const ARCHIVE_CITATION = /^(?![^\n]*[.!?] )[^\n]{0,80}\b(?:Files?|Lot \d+ ?D ?\d+)\b/;

/** Classification and precedence lines (`secret   priority`, `top secret`, `confidential`). */
export const CLASSIFICATION =
  /^(?:(?:top secret|secret|confidential|restricted|unclassified|limited official use|official use only|eyes only|priority|niact|immediate|flash|routine|nodis|exdis|limdis|sensitive|personal|official-informal)[ \t\u00a0]*(?:[;,/][ \t\u00a0]*)?){1,4}$/i;

/** Month names and abbreviations, for datelines and for dates with a reference glued on. */
export const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)';

/**
 * A pattern built at run time. eslint-plugin-regexp's no-dupe-disjunctions does not finish its
 * analysis of DATELINE (the bounded repeats {0,60} and {0,40} multiply its automaton), so that
 * pattern is kept out of the linter's static reach; test/unit/regexSafety.test.ts runs it on
 * adversarial input like every other.
 */
function compiled(source: string, flags?: string): RegExp {
  return new RegExp(source, flags);
}

/** A dateline: place, date (and time), or a `[Received …]` line. */
export const DATELINE = compiled(
  `^(?:\\[Received[^\\]]*\\]|\\[?[^\\n]{0,60}?,\\]? (?:${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?, \\d{4}|${MONTH},? \\d{4}|\\d{1,2} ${MONTH},? \\d{4})[^\\n]{0,40})$`,
);

/**
 * A footnote-reference candidate glued to what precedes it: a letter, closing punctuation or
 * bracket; the label is 1–3 digits (optionally one lowercase letter: `47a`) or a symbol.
 * Group 1 is the preceding character, group 2 the label.
 */
export const GLUED_REF = /([\p{L}.,;:!?)\]”’"'…])(\d{1,3}[a-z]?|[*†‡§¶])(?=$|[\s.,;:!?)\]”’"'—–…-])/gu;

/** A date whose day (or year) has a reference glued on: `July 313` (July 31, ref 3), `Dec 142`. */
export const DATE_WITH_REF = new RegExp(`\\b${MONTH}\\.? (\\d{2,4})(?=$|[\\s.,;:)\\]”’—–])`, 'g');

/** A year with a reference glued on: `May 17, 19515`. */
export const YEAR_WITH_REF = new RegExp(`\\b${MONTH}\\.? \\d{1,2}, ((?:1[6-9]|20)\\d\\d)(\\d{1,2})(?=$|[\\s.,;:)\\]”’—–])`, 'g');

/** An editorial bracket on one line (page markers are told apart by the caller). */
export const EDITORIAL = /\[[^[\]\n]{1,400}\]/g;

/** A quotation in typographic or straight double quotes on one line. */
export const QUOTATION = /“[^“”\n]{0,2000}”|"[^"\n]{0,2000}"/g;

/**
 * The same as EDITORIAL and QUOTATION, for a scan over many lines at once: a lone `\r` ends a
 * line too, so it may not be crossed either.
 */
export const EDITORIAL_SPAN = /\[[^[\]\n\r]{1,400}\]/g;
export const QUOTATION_SPAN = /“[^“”\n\r]{0,2000}”|"[^"\n\r]{0,2000}"/g;

/** A page marker alone on its line (trimmed): the page a pasted memo opens on is not yet its body. */
export const PAGE_MARKER_LINE = /^\[Page [^\]]{1,12}\]$/;

/** A short bracketed head note under an old volume's title (trimmed line): `[Extract.]`, `[Translation.]`. */
export const HEAD_NOTE = /^\[[^\]]{1,40}\]$/;

/**
 * What follows a reference glued to a dot after a digit (the next three characters of the line):
 * `1856.1 The` ends a sentence with a reference; `10.30 a.m.`, `3.5 million` are numbers.
 */
export const REF_AFTER_DOT = /^(?:$|\s+[\p{Lu}“"‘(\[]|[,;:)\]”’])/u;

/** The month names of MONTH, as a set, for the reference scanner's look back from a digit run. */
export const MONTH_NAMES: ReadonlySet<string> = new Set(MONTH.slice(3, -1).split('|'));

/** A page reference in running text: `p. 462`, `pp. 507–511`, `page 12`. */
export const PAGE_REFERENCE = /\b(pp?\.|pages?) ?([0-9]{1,5}|[ivxlcdm]{1,8})(?:[–-]([0-9]{1,5}|[ivxlcdm]{1,8}))?\b/g;
