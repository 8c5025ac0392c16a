/**
 * Citation styles: Chicago note (the default), Chicago bibliography, and a custom template with
 * `{title}`-style placeholders. A field the document does not have is left out together with the
 * separator that would have introduced it, so no style ever prints `, ,` or `()`.
 */

/** The facts a citation is made of; null when the document does not tell. */
export interface CitationFields {
  /** The title as cited (without the volume's document number). */
  title: string | null;
  /** The title with the kind of document: `Telegram from the Ambassador … to …`. */
  phrase: string | null;
  date: string | null;
  place: string | null;
  fileNumber: string | null;
  /** The volume as cited in a note: `FRUS 1951, vol. VII, pt. 1`. */
  volume: string | null;
  /** Series, year, volume title: for the bibliography. */
  series: string | null;
  year: string | null;
  volumeTitle: string | null;
  /** The volume without the series and year: `vol. VII, pt. 1`. */
  volumeNumber: string | null;
  /** Document number in the volume. */
  doc: string | null;
  /** The pinpoint: `p. 508`, `pp. 508–509`, `p. 507n1`. */
  pages: string | null;
  /** The whole document's pages: `507–511`. */
  docPages: string | null;
  url: string | null;
  /** The quoted selection with its quotation marks, for templates that want it. */
  quotation: string | null;
}

/** The built-in styles; `custom` uses the template setting. */
export const CITATION_STYLES = ['chicago-note', 'chicago-bibliography', 'custom'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** The placeholders a custom template may use. */
export const TEMPLATE_PLACEHOLDERS = [
  'title', 'phrase', 'date', 'place', 'fileNumber', 'volume', 'pages', 'url',
  'doc', 'docPages', 'series', 'year', 'volumeTitle', 'quotation',
] as const;

const SERIES_IN_FULL: Record<string, string> = { frus: 'Foreign Relations of the United States' };

/** Joins the present parts with `, ` and ends the sentence with one period. */
function sentence(parts: Array<string | null | undefined>): string {
  const text = parts.filter((p): p is string => !!p && p.trim().length > 0).join(', ');
  return endWithPeriod(text);
}

function endWithPeriod(text: string): string {
  const t = text.trim();
  if (!t) return '';
  return /[.?!]["”’]?$/.test(t) ? t : `${t}.`;
}

/** Chicago note: `Kennan to Matthews, June 5, 1951, FRUS 1951, vol. VII, pt. 1, p. 508.` */
function chicagoNote(f: CitationFields): string {
  const what = f.phrase ?? f.title;
  // Citing the printed volume, the page is the locator; without it the archive's file number is.
  const fileNumber = f.volume ? null : f.fileNumber;
  const locator = f.pages ?? (f.doc && f.volume ? `doc. ${f.doc}` : null);
  return sentence([what, f.date, fileNumber, f.volume, locator]);
}

/**
 * Chicago bibliography: `“Kennan to Matthews,” June 5, 1951. In Foreign Relations of the United
 * States, 1951, vol. VII, pt. 1, Korea and China, 507–511. https://….`
 */
function chicagoBibliography(f: CitationFields): string {
  const what = f.phrase ?? f.title;
  const head = what ? (f.date ? `“${what},” ${f.date}.` : `“${what}.”`) : endWithPeriod(f.date ?? '');
  const series = f.series ? SERIES_IN_FULL[f.series.toLowerCase()] ?? f.series : null;
  const inVolume = series || f.year || f.volumeNumber
    ? `In ${sentence([series, f.year, f.volumeNumber, f.volumeTitle, f.docPages])}`
    : sentence([f.fileNumber, f.docPages]);
  return [head, inVolume, f.url ? endWithPeriod(f.url) : ''].filter(Boolean).join(' ');
}

/**
 * Fills a custom template. Empty fields vanish with the punctuation that would have separated
 * them; unknown placeholders stay as written so a typo shows in the result.
 */
export function fillTemplate(template: string, fields: CitationFields): string {
  const values = fields as unknown as Record<string, string | null>;
  const known = new Set<string>(TEMPLATE_PLACEHOLDERS);
  let out = template.replace(/\{(\w+)\}/g, (whole, name: string) => (known.has(name) ? values[name] ?? '' : whole));
  out = out
    .replace(/\(\s*\)|\[\s*\]|“\s*”/g, '') // brackets left empty
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1') // `, ,` from a missing middle field
    .replace(/\s+([,.;:])/g, '$1') // space before punctuation
    .replace(/([,;:])\s*\./g, '.') // `, .` at the end
    .replace(/^\s*[,;:.]\s*/, '') // a separator left at the start
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return out;
}

/** The citation in a style (an unknown style falls back to Chicago note). */
export function formatCitation(fields: CitationFields, style: string, template?: string | null): string {
  if (style === 'custom' && template && template.trim()) return fillTemplate(template, fields);
  if (style === 'chicago-bibliography') return chicagoBibliography(fields);
  return chicagoNote(fields);
}
