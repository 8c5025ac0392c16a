/**
 * Reading and writing the sidecar file: an AnnotationCollection, pretty-printed with a stable
 * key order and a fixed order of annotations, so it diffs and merges well in git. Fields we do
 * not know are kept (their keys sorted) wherever they occur.
 *
 * Order of annotations: by their place in the source as last measured (TextPositionSelector
 * start), then by id; replies follow the annotation they answer, oldest first. Notes added on
 * two branches land in different places of the file, so git usually merges them unaided.
 */
import { ANNOTATION_CONTEXT, isObject, positionSelector, replyTarget, type AnnotationCollection, type JsonObject, type WebAnnotation } from './model';

/** The parsed sidecar: the collection's own fields, and its annotations. */
export interface AnnotationFile {
  /** Collection fields other than the annotations (unknown ones included). */
  collection: JsonObject;
  /** Fields of the annotation page (`first`) other than its items. */
  page: JsonObject;
  annotations: WebAnnotation[];
  /** Entries of `items` that are not annotations we can read: kept verbatim on rewrite. */
  unreadable: unknown[];
}

export type ParseResult = { ok: true; file: AnnotationFile } | { ok: false; error: string };

/** An empty collection with a fresh id. */
export function emptyFile(collectionId: string, label?: string): AnnotationFile {
  const collection: JsonObject = { '@context': ANNOTATION_CONTEXT, id: collectionId, type: 'AnnotationCollection' };
  if (label) collection.label = label;
  return { collection, page: {}, annotations: [], unreadable: [] };
}

/**
 * Parses a sidecar file. Anything but an AnnotationCollection whose annotations sit in
 * `first.items` (or `items`) is an error, told in words with line and column: the caller then
 * leaves the file alone.
 */
export function parseAnnotationFile(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, error: describeJsonError(text, e) };
  }
  if (!isObject(data)) return { ok: false, error: 'the file does not hold a JSON object (an AnnotationCollection)' };
  const types = Array.isArray(data.type) ? data.type : [data.type];
  if (!types.includes('AnnotationCollection')) {
    return { ok: false, error: `"type" is ${JSON.stringify(data.type)}, not "AnnotationCollection"` };
  }
  const { first, items, ...collection } = data;
  let list: unknown;
  if (isObject(first)) list = first.items;
  else if (first === undefined) list = items ?? [];
  else return { ok: false, error: '"first" must be an AnnotationPage object with the annotations in "items"' };
  if (list === undefined) list = [];
  if (!Array.isArray(list)) return { ok: false, error: '"items" of the annotation page must be an array' };
  const page: JsonObject = {};
  if (isObject(first)) {
    for (const [k, v] of Object.entries(first)) if (k !== 'items') page[k] = v;
  }
  delete collection.total; // recounted on write
  const annotations: WebAnnotation[] = [];
  const unreadable: unknown[] = [];
  for (const item of list) {
    if (isReadable(item)) annotations.push(item);
    else unreadable.push(item);
  }
  return { ok: true, file: { collection, page, annotations, unreadable } };
}

/** Whether an item is an annotation we can list: an id, and a text target or a reply target. */
function isReadable(item: unknown): item is WebAnnotation {
  if (!isObject(item) || typeof item.id !== 'string' || !item.id) return false;
  if (typeof item.target === 'string') return true;
  return isObject(item.target) && Array.isArray(item.target.selector) &&
    item.target.selector.some((s) => isObject(s) && s.type === 'TextQuoteSelector' && typeof s.exact === 'string');
}

/** JSON.parse's message with the line and column where the text stops being JSON. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const offset = jsonErrorOffset(text);
  if (offset === null) return /Unexpected end/.test(message) ? `${message} (the file ends too early)` : message;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  // V8 quotes the whole input in some messages: keep the reader's message short.
  const short = message.length > 120 ? `${message.slice(0, 117)}…` : message;
  return `${short.replace(/\s+/g, ' ')} (line ${line}, column ${column})`;
}

/**
 * Offset of the first character that makes `text` invalid JSON. Not every JSON.parse message
 * names a position, so the longest prefix that is still a valid beginning is found by binary
 * search (a prefix fails either at its end, or at the error).
 */
function jsonErrorOffset(text: string): number | null {
  const failsBefore = (p: number): boolean => {
    try {
      JSON.parse(text.slice(0, p));
      return false;
    } catch (e) {
      const m = e instanceof Error ? e.message : '';
      if (/Unexpected end of JSON input/.test(m)) return false;
      const at = /position (\d+)/.exec(m);
      return !(at && Number(at[1]) >= p);
    }
  };
  if (!failsBefore(text.length)) return null;
  let lo = 0;
  let hi = text.length; // failsBefore(hi) holds
  while (lo + 1 < hi) {
    const mid = (lo + hi) >> 1;
    if (failsBefore(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

/** The sidecar text of a file: stable, pretty-printed, ending with a newline. */
export function serializeAnnotationFile(file: AnnotationFile): string {
  const fields = file.collection;
  const items: unknown[] = [...sortAnnotations(file.annotations), ...file.unreadable];
  const pageId = file.page.id ?? (typeof fields.id === 'string' ? `${fields.id}#page-1` : undefined);
  const collection: JsonObject = {
    ...fields,
    '@context': fields['@context'] ?? ANNOTATION_CONTEXT,
    type: fields.type ?? 'AnnotationCollection',
    total: items.length,
    first: { ...file.page, id: pageId, type: 'AnnotationPage', startIndex: file.page.startIndex ?? 0, items },
  };
  return `${JSON.stringify(canonical(collection, 'collection'), null, 2)}\n`;
}

/** Annotations in file order: by stored start position, then id; replies after their parent. */
export function sortAnnotations(annotations: readonly WebAnnotation[]): WebAnnotation[] {
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const rootOf = (a: WebAnnotation): WebAnnotation => {
    let current = a;
    for (let depth = 0; depth < 20; depth++) {
      const parent = replyTarget(current);
      const next = parent ? byId.get(parent) : undefined;
      if (!next) return current;
      current = next;
    }
    return current;
  };
  const key = (a: WebAnnotation) => {
    const root = rootOf(a);
    return { pos: positionSelector(root)?.start ?? Number.MAX_SAFE_INTEGER, root: root.id, reply: root === a ? 0 : 1, created: a.created ?? '' };
  };
  return [...annotations].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka.pos - kb.pos || cmp(ka.root, kb.root) || ka.reply - kb.reply || cmp(ka.created, kb.created) || cmp(a.id, b.id);
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Known keys first in this order (per kind of object); unknown keys after them, sorted. */
const KEY_ORDER: Record<string, string[]> = {
  collection: ['@context', 'id', 'type', 'label', 'total', 'first'],
  page: ['id', 'type', 'startIndex', 'items'],
  annotation: ['@context', 'id', 'type', 'motivation', 'created', 'modified', 'creator', 'memo:resolved', 'body', 'target'],
  body: ['type', 'purpose', 'format', 'language', 'value', 'id', 'created', 'modified', 'creator'],
  target: ['source', 'memo:page', 'memo:sourceHash', 'selector'],
  selector: ['type', 'exact', 'prefix', 'suffix', 'start', 'end'],
};

/** Which kind of object a child key holds, for the key order above. */
const CHILD_KIND: Record<string, Record<string, string>> = {
  collection: { first: 'page' },
  page: { items: 'annotation' },
  annotation: { body: 'body', target: 'target' },
  target: { selector: 'selector' },
};

/** A copy with keys in canonical order, recursively; arrays keep their order. */
function canonical(value: unknown, kind: string): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, kind));
  if (!isObject(value)) return value;
  const order = KEY_ORDER[kind] ?? [];
  const keys = Object.keys(value);
  const known = order.filter((k) => keys.includes(k));
  const unknown = keys.filter((k) => !order.includes(k)).sort();
  const out: JsonObject = {};
  for (const k of [...known, ...unknown]) {
    if (value[k] === undefined) continue;
    out[k] = canonical(value[k], CHILD_KIND[kind]?.[k] ?? 'other');
  }
  return out;
}

/** The collection as a W3C object (for export), with absolute sources when `sourceOf` is given. */
export function toCollection(file: AnnotationFile, sourceOf?: (a: WebAnnotation) => string): AnnotationCollection {
  const annotations = sortAnnotations(file.annotations).map((a) => {
    if (!sourceOf || typeof a.target !== 'object' || !a.target) return a;
    return { ...a, target: { ...a.target, source: sourceOf(a) } };
  });
  return JSON.parse(serializeAnnotationFile({ ...file, annotations })) as AnnotationCollection;
}
