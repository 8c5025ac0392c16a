/**
 * Page references in running text and notes (`p. 462`, `pp. 507–511`, `see footnote 4, p. 462`)
 * and the document links they become when the research folder holds that printed page.
 *
 * A page number is only comparable within one printed volume, so a reference whose clause cites
 * another work (`Foreign Relations, 1950, vol. VII, p. 188`, `Department of State Bulletin, …,
 * p. 848`, `Vol. I, p. 6`) links only when that work is the folder's own volume. Times of day
 * (`5 p.m.`, `4 p. m.`) are not page references.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { MemoModel, Span } from '../parser/model';
import { PAGE_REFERENCE } from '../parser/patterns';
import { romanToNumber } from '../features/pages';
import type { SourceMetadata } from '../metadata';

/** The work a clause says a page reference is in, when it names one. */
export interface CitedWork {
  /** Another publication altogether (a Bulletin, a book): never the folder's volume. */
  other: boolean;
  year?: string;
  volume?: string;
  part?: string;
}

/** One page reference of the text. */
export interface PageReference {
  /** The whole reference, `pp. 507–511`. */
  span: Span;
  /** Each page number with its span: one for `p. 462`, two for `pp. 507–511`. */
  pages: Array<{ page: string; span: Span }>;
  /** The note the reference names (`see footnote 4, p. 462` → `4`), or null. */
  footnote: string | null;
  /** The work the reference's clause names, or null for the volume itself (`ante`, `post`, none). */
  work: CitedWork | null;
}

const LOOKBACK = 160;
/** The end of a sentence: a period not closing a common abbreviation, then a capital. */
const SENTENCE_END = /(?<!\b(?:[A-Z]|[Vv]ols?|[Nn]os?|pp?|Mr|Mrs|Messrs|Dr|St|Jr|Sr|[Ii]bid|[Ee]ds?|[Dd]oc|[Ss]ess|Cong|[Pp]t|[Ss]upp|[Cc]f|[Ss]ee|[Ee]tc))[.!?]\s+(?=[A-Z“"‘([])/g;
const OTHER_WORK =
  /\b(?:Bulletin|Digests?|Press|Book \d+|Documents on|Journal|Review|Times|Gazette|Parliamentary|Hansard|Yearbook|Treaties|Treaty Series|Papers)\b|\b(?:Stat|Cong)\.|\b(?:op|loc)\. cit\b|\bU\.\s?N\.\s?[Dd]oc/;
const FOREIGN_RELATIONS = /\bForeign Relations(?: of the United States)?,?\s+(\d{4}(?:[–-]\d{2,4})?)/;
const VOLUME = /\b[Vv]ol(?:ume)?\.?\s+([ivxlcIVXLC]{1,8}|\d{1,3})\b/g;
const PART = /\b(?:[Pp]art|pt\.)\s+(\d{1,2}|[ivxIVX]{1,4})\b/g;
const SAME_VOLUME = /\b(?:ante|post|supra|infra|above|below)[\s,]*$/i;
const FOOTNOTE_BEFORE = /\b(?:footnote|note|fn\.|n\.)\s+(\d{1,3}[a-z]?|[*†‡§])\s*(?:,\s*)?(?:on\s+)?$/i;

/** The clause before `at` on its line: back to a semicolon or the end of the previous sentence. */
function clauseBefore(line: string, at: number): string {
  let clause = line.slice(Math.max(0, at - LOOKBACK), at);
  const semicolon = clause.lastIndexOf(';');
  if (semicolon >= 0) clause = clause.slice(semicolon + 1);
  let cut = 0;
  SENTENCE_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_END.exec(clause)) !== null) cut = m.index + m[0].length;
  return clause.slice(cut);
}

function lastMatch(re: RegExp, text: string): string | undefined {
  let found: string | undefined;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) found = m[1];
  return found;
}

/** The work a clause names for the page reference that ends it, or null for this volume. */
export function citedWork(clause: string): CitedWork | null {
  if (SAME_VOLUME.test(clause)) return null;
  if (OTHER_WORK.test(clause)) return { other: true };
  const year = FOREIGN_RELATIONS.exec(clause)?.[1];
  const volume = lastMatch(VOLUME, clause);
  const part = lastMatch(PART, clause);
  if (!year && !volume) return null;
  return { other: false, ...(year ? { year } : {}), ...(volume ? { volume } : {}), ...(part ? { part } : {}) };
}

function sameNumber(a: string, b: string): boolean {
  const n = (s: string) => (/^\d+$/.test(s) ? Number(s) : romanToNumber(s));
  const x = n(a.trim());
  return x !== null && x === n(b.trim());
}

function sameYear(a: string, b: string): boolean {
  return a.replace(/[–-]/g, '-').slice(0, 4) === b.replace(/[–-]/g, '-').slice(0, 4);
}

/** Whether a reference naming `work` may point into the folder volume `metadata` describes. */
export function isSameVolume(work: CitedWork | null, metadata: SourceMetadata | null): boolean {
  if (!work) return true;
  if (work.other || !metadata) return false;
  if (work.year && (!metadata.year || !sameYear(work.year, metadata.year))) return false;
  if (work.volume && (!metadata.volume || !sameNumber(work.volume, metadata.volume))) return false;
  if (work.part && metadata.part && !sameNumber(work.part, metadata.part)) return false;
  return true;
}

/** Every page reference of the text, in order. */
export function pageReferences(model: MemoModel): PageReference[] {
  const out: PageReference[] = [];
  // Cheap skip: most texts and lines name no page.
  if (!/\bp(?:p?\.|ages?)/.test(model.text)) return out;
  for (let line = 0; line < model.lines.lineCount; line++) {
    const lineText = model.lines.lineText(line);
    if (lineText.indexOf('p') < 0) continue;
    for (const ref of pageReferencesInLine(lineText, model.lines.starts[line])) out.push(ref);
  }
  return out;
}

/** The page references of one line of text starting at offset `lineStart`. */
export function pageReferencesInLine(lineText: string, lineStart: number): PageReference[] {
  const out: PageReference[] = [];
  PAGE_REFERENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PAGE_REFERENCE.exec(lineText)) !== null) {
    const before = lineText.slice(0, m.index);
    const roman = !/^\d/.test(m[2]);
    // `5 p.m.`, `4 p. m.`: a time of day, not page m.
    if (/\d\s*$/.test(before) || (roman && /^m$/i.test(m[2]))) continue;
    if (roman && romanToNumber(m[2]) === null) continue;
    const start = lineStart + m.index;
    const firstAt = start + m[0].indexOf(m[2], m[1].length);
    const pages = [{ page: m[2], span: { start: firstAt, end: firstAt + m[2].length } }];
    if (m[3]) {
      const lastAt = start + m[0].lastIndexOf(m[3]);
      pages.push({ page: m[3], span: { start: lastAt, end: lastAt + m[3].length } });
    }
    out.push({
      span: { start, end: start + m[0].length },
      pages,
      footnote: FOOTNOTE_BEFORE.exec(before)?.[1] ?? null,
      work: citedWork(clauseBefore(lineText, m.index)),
    });
  }
  return out;
}

/** Where a page is, as the workspace index answers. */
export interface LinkTarget {
  uri: string;
  line: number;
  character: number;
  /** A short description for the tooltip. */
  label: string;
}

/** A file URI with a `#L<line>,<column>` fragment (1-based), which VS Code opens at that place. */
export function targetUri(target: LinkTarget): string {
  return `${target.uri.replace(/#.*$/, '')}#L${target.line + 1},${target.character + 1}`;
}

/**
 * Document links for the page references of a model: `resolve` finds the page (and the note,
 * when the reference names one) in the folder; references into another work get no link.
 * The first page's link covers `pp. 507`, the last page's its number.
 */
export function pageLinks(
  model: MemoModel,
  metadata: SourceMetadata | null,
  resolve: (page: string, footnote: string | null) => LinkTarget | null,
): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const ref of pageReferences(model)) {
    if (!isSameVolume(ref.work, metadata)) continue;
    ref.pages.forEach((p, i) => {
      const target = resolve(p.page, i === 0 ? ref.footnote : null);
      if (!target) return;
      const span = i === 0 ? { start: ref.span.start, end: p.span.end } : p.span;
      links.push({
        range: { start: model.lines.positionAt(span.start), end: model.lines.positionAt(span.end) },
        target: targetUri(target),
        tooltip: `Page ${p.page}: ${target.label}`,
      });
    });
  }
  return links;
}
