/**
 * The annotation model: W3C Web Annotation Data Model objects as they are stored in the
 * sidecar file `<source>.annotations.json` (an AnnotationCollection), and the pure functions
 * that create and read them. Every object keeps the fields we do not know (`[key: string]:
 * unknown`), so a file written by another tool survives our rewrite.
 *
 * Our extension properties use the `memo:` prefix. The W3C context does not define it, so
 * JSON-LD reads them as absolute IRIs (`memo:page`): valid, and ignored by other tools.
 * - target `memo:page`: the printed page of the passage when it was annotated (`508`, `507–508`);
 * - target `memo:sourceHash`: `sha256:` + SHA-256 of the source text (line endings normalised)
 *   the selectors were measured in: when it equals the current text's hash, the positions hold;
 * - annotation `memo:resolved`: true once the thread is resolved.
 * `target.source` is the source's file name, a relative IRI that resolves against the sidecar
 * beside it, so a clone or a moved folder keeps working; exports write absolute URIs.
 */
import { CodePoints, NormalisedText, codePointSlice } from './text';
import { sha256Hex } from './sha256';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Characters of context kept on each side of a quote (code points). */
export const CONTEXT_LENGTH = 32;

export type JsonObject = { [key: string]: unknown };

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
  [key: string]: unknown;
}

/** Start and end in code points of the source text with line endings normalised to `\n`. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
  [key: string]: unknown;
}

export type Selector = TextQuoteSelector | TextPositionSelector | ({ type: string } & JsonObject);

export interface SpecificResource {
  source: string;
  selector: Selector[];
  'memo:page'?: string;
  'memo:sourceHash'?: string;
  [key: string]: unknown;
}

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format?: string;
  purpose?: 'commenting' | 'tagging' | 'replying' | string;
  [key: string]: unknown;
}

export type Motivation = 'commenting' | 'tagging' | 'replying';

export interface WebAnnotation {
  '@context'?: string | unknown[];
  id: string;
  type: 'Annotation';
  motivation: Motivation | string;
  created: string;
  modified: string;
  body: TextualBody[];
  /** A SpecificResource on the source text, or (replies) the id of the annotation replied to. */
  target: SpecificResource | string;
  'memo:resolved'?: boolean;
  [key: string]: unknown;
}

export interface AnnotationCollection {
  '@context': string | unknown[];
  id: string;
  type: 'AnnotationCollection';
  label?: string;
  total: number;
  first: { type: 'AnnotationPage'; items: WebAnnotation[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** A note's content as the protocol carries it: Markdown text and tags. */
export interface NoteBody {
  text: string;
  tags: string[];
}

/** A source text prepared for annotation work: normalised view, code points and hash, computed once. */
export class SourceText {
  readonly norm: NormalisedText;
  private cpIndex?: CodePoints;
  private hashValue?: string;

  constructor(readonly doc: string) {
    this.norm = new NormalisedText(doc);
  }

  get codePoints(): CodePoints {
    return (this.cpIndex ??= new CodePoints(this.norm.text));
  }

  /** `sha256:<hex>` of the normalised text. */
  get hash(): string {
    return (this.hashValue ??= `sha256:${sha256Hex(this.norm.text)}`);
  }
}

/** Builds the selectors of a passage given by document (UTF-16) offsets. */
export function selectorsFor(source: SourceText, docStart: number, docEnd: number): [TextQuoteSelector, TextPositionSelector] {
  const text = source.norm.text;
  const start = source.norm.fromDoc(docStart);
  const end = source.norm.fromDoc(docEnd);
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: codePointSlice(text.slice(Math.max(0, start - 2 * CONTEXT_LENGTH), start), CONTEXT_LENGTH, 'end'),
      suffix: codePointSlice(text.slice(end, end + 2 * CONTEXT_LENGTH), CONTEXT_LENGTH, 'start'),
    },
    { type: 'TextPositionSelector', start: source.codePoints.fromUtf16(start), end: source.codePoints.fromUtf16(end) },
  ];
}

/** The target of a passage: source name, both selectors, page and hash of the text. */
export function targetFor(source: SourceText, sourceName: string, docStart: number, docEnd: number, page: string | null): SpecificResource {
  const target: SpecificResource = { source: sourceName, selector: selectorsFor(source, docStart, docEnd) };
  if (page) target['memo:page'] = page;
  target['memo:sourceHash'] = source.hash;
  return target;
}

/** Trims tags (`#korea` → `korea`), drops empty ones and duplicates, keeps their order. */
export function cleanTags(tags: readonly unknown[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags ?? []) {
    if (typeof t !== 'string') continue;
    const tag = t.trim().replace(/^#+/, '').trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

/** The bodies of a note: one Markdown TextualBody for its text (if any), one per tag. */
export function bodiesFor(body: NoteBody, reply = false): TextualBody[] {
  const bodies: TextualBody[] = [];
  if (body.text.trim()) {
    bodies.push({ type: 'TextualBody', value: body.text, format: 'text/markdown', purpose: reply ? 'replying' : 'commenting' });
  }
  for (const tag of cleanTags(body.tags)) bodies.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
  return bodies;
}

/** The motivation that fits a note's content. */
export function motivationFor(body: NoteBody, reply: boolean): Motivation {
  if (reply) return 'replying';
  return body.text.trim() || cleanTags(body.tags).length === 0 ? 'commenting' : 'tagging';
}

/** A new annotation. `id` (a `urn:uuid:`) and `now` are passed in so the model stays pure. */
export function createAnnotation(id: string, now: string, body: NoteBody, target: SpecificResource | string): WebAnnotation {
  const reply = typeof target === 'string';
  return {
    id,
    type: 'Annotation',
    motivation: motivationFor(body, reply),
    created: now,
    modified: now,
    body: bodiesFor(body, reply),
    target,
  };
}

/**
 * A copy of `annotation` with a new note text and/or tags. Bodies we do not manage (other
 * purposes, other types) are kept; the note body keeps its unknown fields.
 */
export function withBody(annotation: WebAnnotation, change: Partial<NoteBody>, now: string): WebAnnotation {
  const current = noteOf(annotation);
  const next: NoteBody = { text: change.text ?? current.text, tags: change.tags ?? current.tags };
  const reply = isReply(annotation);
  const bodies = asArray<TextualBody>(annotation.body);
  const noteIndex = bodies.findIndex(isNoteBody);
  const others = bodies.filter((b, i) => i !== noteIndex && !isTagBody(b));
  const fresh = bodiesFor(next, reply);
  const note = fresh.find((b) => b.purpose !== 'tagging');
  const merged: TextualBody[] = [];
  if (note) merged.push(noteIndex >= 0 ? { ...bodies[noteIndex], value: note.value } : note);
  merged.push(...others, ...fresh.filter((b) => b.purpose === 'tagging'));
  return { ...annotation, body: merged, motivation: motivationFor(next, reply), modified: now };
}

/** The note text and tags of an annotation (tolerant of other tools' shapes). */
export function noteOf(annotation: WebAnnotation): NoteBody {
  const bodies = asArray(annotation.body);
  const note = bodies.find(isNoteBody);
  const text = note ? String(note.value ?? '') : typeof annotation.bodyValue === 'string' ? annotation.bodyValue : '';
  return { text, tags: cleanTags(bodies.filter(isTagBody).map((b) => b.value)) };
}

/** The id of the annotation this one replies to, or null. */
export function replyTarget(annotation: WebAnnotation): string | null {
  if (typeof annotation.target === 'string') return annotation.target;
  return null;
}

export function isReply(annotation: WebAnnotation): boolean {
  return replyTarget(annotation) !== null;
}

/** The quote selector of an annotation's target, or null (replies, foreign shapes). */
export function quoteSelector(annotation: WebAnnotation): TextQuoteSelector | null {
  const target = annotation.target;
  if (!target || typeof target !== 'object') return null;
  const s = asArray(target.selector).find((x): x is TextQuoteSelector => isObject(x) && x.type === 'TextQuoteSelector' && typeof x.exact === 'string');
  return s ?? null;
}

export function positionSelector(annotation: WebAnnotation): TextPositionSelector | null {
  const target = annotation.target;
  if (!target || typeof target !== 'object') return null;
  const s = asArray(target.selector).find(
    (x): x is TextPositionSelector => isObject(x) && x.type === 'TextPositionSelector' && Number.isInteger(x.start) && Number.isInteger(x.end),
  );
  return s ?? null;
}

/** The page stored with an annotation's target, or null. */
export function storedPage(annotation: WebAnnotation): string | null {
  const target = annotation.target;
  return target && typeof target === 'object' && typeof target['memo:page'] === 'string' ? target['memo:page'] : null;
}

/** `p. 508` or `pp. 507–508`. */
export function pageCitation(page: string | null): string | null {
  if (!page) return null;
  return /[–-]/.test(page) ? `pp. ${page}` : `p. ${page}`;
}

/**
 * The same annotation with its target's selectors, page and hash measured anew in `source`
 * at the given document offsets; unknown selectors and target fields are kept.
 */
export function withTargetAt(annotation: WebAnnotation, source: SourceText, docStart: number, docEnd: number, page: string | null): WebAnnotation {
  const old = typeof annotation.target === 'object' && annotation.target ? annotation.target : null;
  const fresh = targetFor(source, old?.source ?? '', docStart, docEnd, page);
  const [quote, position] = fresh.selector as [TextQuoteSelector, TextPositionSelector];
  const oldSelectors = asArray(old?.selector);
  const keepQuote = oldSelectors.find((s) => isObject(s) && s.type === 'TextQuoteSelector');
  const keepPosition = oldSelectors.find((s) => isObject(s) && s.type === 'TextPositionSelector');
  const others = oldSelectors.filter((s) => !(isObject(s) && (s.type === 'TextQuoteSelector' || s.type === 'TextPositionSelector')));
  const target: SpecificResource = {
    ...(old ?? {}),
    source: old?.source ?? '',
    selector: [{ ...(isObject(keepQuote) ? keepQuote : {}), ...quote }, { ...(isObject(keepPosition) ? keepPosition : {}), ...position }, ...(others as Selector[])],
    'memo:sourceHash': source.hash,
  };
  if (page) target['memo:page'] = page;
  else delete target['memo:page'];
  return { ...annotation, target };
}

/** JSON text with object keys sorted: equal for equal values whatever order their keys were built in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray<T = unknown>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  return value === undefined || value === null ? [] : [value as T];
}

function isTagBody(b: unknown): b is TextualBody {
  return isObject(b) && b.purpose === 'tagging' && typeof b.value === 'string';
}

function isNoteBody(b: unknown): b is TextualBody {
  return isObject(b) && b.purpose !== 'tagging' && (b.type === 'TextualBody' || b.type === undefined) && typeof b.value === 'string';
}
