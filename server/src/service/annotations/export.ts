/**
 * Export of annotations to Markdown (quote, page citation, note, tags, replies: something to
 * write from) and to a W3C JSON-LD AnnotationCollection; import of W3C annotations written by
 * other tools (a collection, a page, an array or one annotation), normalised to our shape.
 */
import {
  ANNOTATION_CONTEXT,
  isObject,
  noteOf,
  pageCitation,
  quoteSelector,
  replyTarget,
  storedPage,
  type JsonObject,
  type Selector,
  type SpecificResource,
  type TextualBody,
  type WebAnnotation,
} from './model';
import { sortAnnotations } from './serialize';

/** One annotation as the export sees it: where it is now and how sure we are. */
export interface ExportItem {
  annotation: WebAnnotation;
  status: 'anchored' | 'moved' | 'orphaned';
  /** The printed page where it lies now (or as stored, when orphaned). */
  page: string | null;
}

export interface ExportDocument {
  /** The source's name as shown (a workspace-relative path). */
  name: string;
  /** The absolute URI of the source, written into JSON-LD targets. */
  uri: string;
  /** The memo's title, when the parser found one. */
  title?: string | null;
  items: ExportItem[];
}

/** Markdown of the annotations of one or more documents, in file order. */
export function toMarkdown(docs: readonly ExportDocument[]): string {
  const out: string[] = ['# Annotations', ''];
  const withNotes = docs.filter((d) => d.items.length > 0);
  if (withNotes.length === 0) out.push('_No annotations._', '');
  for (const doc of withNotes) {
    out.push(`## ${doc.title ? `${escapeInline(doc.title)} (${doc.name})` : doc.name}`, '');
    const byId = new Map(doc.items.map((i) => [i.annotation.id, i]));
    const replies = new Map<string, ExportItem[]>();
    for (const item of doc.items) {
      const parent = replyTarget(item.annotation);
      if (parent && byId.has(parent)) replies.set(parent, [...(replies.get(parent) ?? []), item]);
    }
    const roots = sortAnnotations(doc.items.filter((i) => !(replyTarget(i.annotation) && byId.has(replyTarget(i.annotation)!))).map((i) => i.annotation));
    for (const annotation of roots) {
      const item = byId.get(annotation.id)!;
      const note = noteOf(annotation);
      const cite = pageCitation(item.page ?? storedPage(annotation));
      out.push(`### ${cite ?? 'No printed page'}${note.tags.length ? ` · ${note.tags.map((t) => `#${t}`).join(' ')}` : ''}`, '');
      const quote = quoteSelector(annotation)?.exact ?? '';
      if (quote) {
        const lines = quote.replace(/\r\n?/g, '\n').split('\n');
        lines[lines.length - 1] += cite ? ` (${cite})` : '';
        out.push(...lines.map((l) => `> ${l}`.trimEnd()), '');
      }
      if (note.text.trim()) out.push(note.text.trim(), '');
      if (note.tags.length) out.push(`Tags: ${note.tags.map((t) => `\`${t}\``).join(', ')}`, '');
      if (item.status === 'moved') out.push('_The text changed since this note was written: check the passage._', '');
      if (item.status === 'orphaned') out.push('_Orphaned: the passage was not found in the current text._', '');
      if (annotation['memo:resolved'] === true) out.push('_Resolved._', '');
      const thread = sortAnnotations((replies.get(annotation.id) ?? []).map((r) => r.annotation));
      for (const reply of thread) {
        const r = noteOf(reply);
        const date = reply.created ? reply.created.slice(0, 10) : '';
        out.push(`- **Reply${date ? ` (${date})` : ''}:** ${r.text.trim().replace(/\n/g, '\n  ')}${r.tags.length ? ` ${r.tags.map((t) => `#${t}`).join(' ')}` : ''}`);
      }
      if (thread.length) out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** A W3C AnnotationCollection (JSON-LD) of the documents' annotations, with absolute source URIs. */
export function toJsonLd(docs: readonly ExportDocument[], collectionId: string, label: string): string {
  const items = docs.flatMap((doc) => sortAnnotations(doc.items.map((i) => i.annotation)).map((a) => withSource(a, doc.uri)));
  const collection = {
    '@context': ANNOTATION_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { id: `${collectionId}#page-1`, type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

function withSource(a: WebAnnotation, uri: string): WebAnnotation {
  if (!isObject(a.target)) return a;
  return { ...a, target: { ...(a.target as SpecificResource), source: uri } };
}

export interface ImportResult {
  annotations: WebAnnotation[];
  /** Items that could not be imported, with the reason in words. */
  skipped: Array<{ id: string | null; reason: string }>;
}

/**
 * Reads W3C annotations from a parsed JSON value (a collection with `first.items` or `items`,
 * an AnnotationPage, an array, or one annotation) and normalises them to our shape: bodies as
 * an array of TextualBody, one target on `sourceName` with a TextQuoteSelector. Unknown fields
 * are kept. `newId` and `now` fill in what is missing.
 */
export function importAnnotations(data: unknown, sourceName: string, newId: () => string, now: string): ImportResult {
  const result: ImportResult = { annotations: [], skipped: [] };
  const items = itemsOf(data);
  if (!items) {
    result.skipped.push({ id: null, reason: 'not a W3C AnnotationCollection, AnnotationPage, annotation or array of annotations' });
    return result;
  }
  const ids = new Set(items.filter(isObject).map((i) => i.id).filter((x): x is string => typeof x === 'string'));
  for (const raw of items) {
    if (!isObject(raw)) {
      result.skipped.push({ id: null, reason: 'an item is not an object' });
      continue;
    }
    const id = typeof raw.id === 'string' && raw.id ? raw.id : newId();
    const { '@context': _context, bodyValue, ...rest } = raw;
    const body = bodiesOf(raw.body, bodyValue);
    const target = targetOf(raw.target, sourceName, ids);
    if (!target) {
      result.skipped.push({ id, reason: 'its target has no TextQuoteSelector (the quoted words are needed to find the passage)' });
      continue;
    }
    const annotation: WebAnnotation = {
      ...rest,
      id,
      type: 'Annotation',
      motivation: typeof raw.motivation === 'string' ? raw.motivation : typeof target === 'string' ? 'replying' : 'commenting',
      created: typeof raw.created === 'string' ? raw.created : now,
      modified: typeof raw.modified === 'string' ? raw.modified : typeof raw.created === 'string' ? raw.created : now,
      body,
      target,
    };
    result.annotations.push(annotation);
  }
  return result;
}

function itemsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (!isObject(data)) return null;
  const types = Array.isArray(data.type) ? data.type : [data.type];
  if (isObject(data.first) && Array.isArray(data.first.items)) return data.first.items;
  if (Array.isArray(data.items)) return data.items;
  if (types.includes('Annotation')) return [data];
  return null;
}

function bodiesOf(body: unknown, bodyValue: unknown): TextualBody[] {
  const list = Array.isArray(body) ? body : body === undefined || body === null ? [] : [body];
  const out: TextualBody[] = [];
  if (typeof bodyValue === 'string') out.push({ type: 'TextualBody', value: bodyValue, format: 'text/plain', purpose: 'commenting' });
  for (const b of list) {
    if (typeof b === 'string') out.push({ type: 'TextualBody', value: b, purpose: 'commenting' });
    else if (isObject(b) && typeof b.value === 'string') out.push({ ...b, type: 'TextualBody', value: b.value } as TextualBody);
    else if (isObject(b)) out.push(b as TextualBody); // kept as it is: other tools' bodies (links, choices)
  }
  return out;
}

function targetOf(target: unknown, sourceName: string, ids: Set<string>): SpecificResource | string | null {
  if (typeof target === 'string') return ids.has(target) ? target : null;
  const list = Array.isArray(target) ? target : [target];
  for (const t of list) {
    if (typeof t === 'string' && ids.has(t)) return t;
    if (!isObject(t)) continue;
    const selectors = (Array.isArray(t.selector) ? t.selector : [t.selector]).filter(isObject) as JsonObject[];
    if (!selectors.some((s) => s.type === 'TextQuoteSelector' && typeof s.exact === 'string')) continue;
    return { ...t, source: sourceName, selector: selectors as Selector[] };
  }
  return null;
}

function escapeInline(text: string): string {
  return text.replace(/([*_`[\]])/g, '\\$1');
}
