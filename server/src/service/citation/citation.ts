/**
 * A citation for a selection (or the cursor) of a memo: the pinpoint pages from the `[Page N]`
 * markers, the document's title, date and file number as its text gives them, and the volume and
 * online address when the folder's metadata (`.memo-source.json`) tells them. Pure.
 */
import type { MemoModel, Span } from '../parser/model';
import { docFromTitle, documentUrl, volumeLabel, type DocumentSource } from '../metadata';
import { formatCitation, type CitationFields } from './format';
import { citedFileNumber, citedTitle, documentDate, documentPhrase } from './heading';
import { formatPages, memoAt, memoPages, pinPages } from './pages';
import { quotation } from './quote';

export { CITATION_STYLES, TEMPLATE_PLACEHOLDERS, type CitationFields, type CitationStyle } from './format';

/** How to cite. */
export interface CitationOptions {
  /** `chicago-note` (default), `chicago-bibliography` or `custom`. */
  style?: string;
  /** The template of the `custom` style. */
  template?: string | null;
  /** What the folder's metadata says about the file. */
  source?: DocumentSource | null;
  /** Also make the citation with the selection quoted. */
  withQuotation?: boolean;
}

/** A citation and what it was made of. */
export interface Citation {
  /** The pinpoint (`p. 508`, `pp. 508–509`, `p. 507n1`), or null when the pages are unknown. */
  pages: string | null;
  /** The citation in the chosen style. */
  text: string;
  /** `“quoted selection” citation`, when asked for and the selection has words. */
  quotation?: string;
  fields: CitationFields;
}

/** The facts of a citation for `span` of the model. */
export function citationFields(model: MemoModel, span: Span, source?: DocumentSource | null): CitationFields {
  const metadata = source?.metadata ?? null;
  const startPage = source?.startPage ?? null;
  const memo = memoAt(model, span.start);
  const pins = pinPages(model, span, startPage);
  const whole = memo ? memoPages(model, memo, startPage) : null;
  const heading = memo ? documentDate(model, memo) : { date: null, place: null };
  // The file's document number belongs to its first memo; a later memo may carry its own in the title.
  const doc = (memo && model.memos[0] !== memo ? null : source?.doc) ?? docFromTitle(memo?.title?.text) ?? null;
  const volume = volumeLabel(metadata);
  const volumeNumber = [metadata?.supplement, metadata?.volume && `vol. ${metadata.volume}`, metadata?.part && `pt. ${metadata.part}`]
    .filter(Boolean)
    .join(', ');
  return {
    title: citedTitle(memo?.title?.text),
    phrase: memo ? documentPhrase(model, memo) : null,
    date: (memo && model.memos[0] === memo ? source?.date : null) ?? heading.date,
    place: heading.place,
    fileNumber: citedFileNumber(memo?.fileNumber?.text),
    volume,
    series: metadata ? metadata.series ?? 'FRUS' : null,
    year: metadata?.year ?? null,
    volumeTitle: metadata?.title ?? null,
    volumeNumber: volumeNumber || null,
    doc,
    pages: formatPages(pins),
    docPages: whole ? (whole.first === whole.last ? whole.first : `${whole.first}–${whole.last}`) : null,
    url: documentUrl(source ? { ...source, doc } : null, pins?.first),
    quotation: null,
  };
}

/** The citation of `span` (empty for the cursor) in the chosen style. */
export function citation(model: MemoModel, span: Span, options: CitationOptions = {}): Citation {
  const fields = citationFields(model, span, options.source);
  const style = options.style ?? 'chicago-note';
  const quoted = options.withQuotation && span.end > span.start ? quotation(model, span) : '';
  const text = formatCitation(fields, style, options.template);
  const result: Citation = { pages: fields.pages, text, fields };
  if (options.withQuotation) {
    const withQuote = { ...fields, quotation: quoted || null };
    // A custom template that places {quotation} itself decides where the quotation goes.
    const custom = style === 'custom' && options.template?.includes('{quotation}');
    result.quotation = custom ? formatCitation(withQuote, style, options.template) : quoted ? `${quoted} ${text}` : text;
  }
  return result;
}
