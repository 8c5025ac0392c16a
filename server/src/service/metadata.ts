/**
 * Source metadata: the `.memo-source.json` file a research folder may hold, saying which printed
 * volume its memos come from (series, year, volume, part, title) and where they live online.
 * Pure: the adapter reads the file, this module parses and checks it and answers what it says
 * about one memo file (its volume, document number, first page, date, online address).
 */

/** What the metadata says about one file of the folder (keyed by its file name). */
export interface DocumentEntry {
  /** Document number in the volume (`328`), for `{doc}` in the URL pattern and `doc. 328`. */
  doc?: string;
  /** The printed page the document begins on, when the text has no marker telling it. */
  startPage?: string;
  /** The document's date, when the text has no dateline (`June 5, 1951`). */
  date?: string;
}

/** The contents of a `.memo-source.json`, every field optional. */
export interface SourceMetadata {
  /** Series as cited: `FRUS` (the default) or `Foreign Relations of the United States`. */
  series?: string;
  /** Year(s) of the volume as printed: `1951`, `1969–76`. */
  year?: string;
  /** Volume number as printed: `VII`. */
  volume?: string;
  /** Part of the volume: `1`. */
  part?: string;
  /** Supplement, for the volumes that have one: `Supplement 2`. */
  supplement?: string;
  /** The volume's title: `Korea and China`. */
  title?: string;
  /** The volume's identifier on history.state.gov (`frus1951v07p1`), `{volume}` in URL patterns. */
  id?: string;
  /** A document's address; `{volume}` (the id), `{doc}` and `{page}` are filled in. */
  urlPattern?: string;
  /** A printed page's address, e.g. `https://history.state.gov/historicaldocuments/{volume}/pg_{page}`. */
  pageUrlPattern?: string;
  /** A regular expression whose first group takes the document number from a file name (without extension). */
  docPattern?: string;
  /** Per-file facts the text cannot tell, keyed by file name (`frus1951v07p1_d328.txt`). */
  documents?: Record<string, DocumentEntry>;
}

/** The result of reading a `.memo-source.json`: what is usable, and what was wrong with the rest. */
export interface MetadataParse {
  /** Null when the file is not a JSON object at all. */
  metadata: SourceMetadata | null;
  /** Problems, one sentence each; fields named here were ignored. */
  problems: string[];
}

/** The metadata file's name. */
export const METADATA_FILE = '.memo-source.json';

/** The document number taken from file names like `frus1951v07p1_d328.txt` when no docPattern is given. */
const DEFAULT_DOC_PATTERN = /(?:^|[^a-z0-9])d(\d{1,5})$/i;

const STRING_FIELDS = ['series', 'year', 'volume', 'part', 'supplement', 'title', 'id', 'urlPattern', 'pageUrlPattern', 'docPattern'] as const;
const KNOWN_FIELDS = new Set<string>([...STRING_FIELDS, 'documents', '$schema']);
const PLACEHOLDER = /\{(\w+)\}/g;
const URL_PLACEHOLDERS = new Set(['volume', 'doc', 'page']);

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function checkUrlPattern(name: string, pattern: string, problems: string[]): boolean {
  if (!/^https?:\/\//i.test(pattern)) {
    problems.push(`"${name}" must start with http:// or https:// (got "${pattern}"); ignored.`);
    return false;
  }
  const unknown = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((p) => !URL_PLACEHOLDERS.has(p));
  if (unknown.length > 0) {
    problems.push(`"${name}" uses unknown placeholder(s) ${unknown.map((p) => `{${p}}`).join(', ')}; known: {volume}, {doc}, {page}. Ignored.`);
    return false;
  }
  return true;
}

function readDocuments(value: unknown, problems: string[]): Record<string, DocumentEntry> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('"documents" must be an object keyed by file name; ignored.');
    return undefined;
  }
  const out: Record<string, DocumentEntry> = {};
  for (const [file, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`"documents.${file}" must be an object with doc, startPage or date; ignored.`);
      continue;
    }
    const e = entry as Record<string, unknown>;
    const doc = asText(e.doc);
    const startPage = asText(e.startPage);
    const date = asText(e.date);
    if (startPage !== undefined && !/^(?:\d{1,5}|[ivxlcdm]{1,12})$/i.test(startPage)) {
      problems.push(`"documents.${file}.startPage" must be a page number such as 507 or xii (got "${startPage}"); ignored.`);
    }
    out[file] = {
      ...(doc ? { doc } : {}),
      ...(startPage && /^(?:\d{1,5}|[ivxlcdm]{1,12})$/i.test(startPage) ? { startPage } : {}),
      ...(date ? { date } : {}),
    };
  }
  return out;
}

/** Parses and checks the text of a `.memo-source.json`. Never throws. */
export function parseSourceMetadata(text: string): MetadataParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { metadata: null, problems: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { metadata: null, problems: ['must be a JSON object such as {"series": "FRUS", "year": "1951", "volume": "VII"}.'] };
  }
  const obj = raw as Record<string, unknown>;
  const problems: string[] = [];
  const metadata: SourceMetadata = {};
  for (const key of Object.keys(obj)) {
    if (!KNOWN_FIELDS.has(key)) problems.push(`unknown field "${key}"; ignored.`);
  }
  for (const field of STRING_FIELDS) {
    if (obj[field] === undefined) continue;
    const value = asText(obj[field]);
    if (value === undefined) {
      problems.push(`"${field}" must be a non-empty string; ignored.`);
      continue;
    }
    if ((field === 'urlPattern' || field === 'pageUrlPattern') && !checkUrlPattern(field, value, problems)) continue;
    if (field === 'docPattern') {
      try {
        // Matching the empty alternative tells how many capturing groups the pattern has.
        const groups = new RegExp(`(?:${value})|`).exec('')!.length - 1;
        if (groups < 1) {
          problems.push(`"docPattern" needs a capturing group for the document number, e.g. "_d(\\\\d+)$"; ignored.`);
          continue;
        }
      } catch (error) {
        problems.push(`"docPattern" is not a valid regular expression (${error instanceof Error ? error.message : String(error)}); ignored.`);
        continue;
      }
    }
    metadata[field] = value;
  }
  const documents = readDocuments(obj.documents, problems);
  if (documents) metadata.documents = documents;
  return { metadata, problems };
}

/** What is known about one memo file from its folder's metadata and its name. */
export interface DocumentSource {
  /** The folder's metadata, or null when it has none. */
  metadata: SourceMetadata | null;
  /** Identity of the printed volume, to tell whether page numbers of two files are comparable; null when unknown. */
  volumeKey: string | null;
  /** Document number, from the metadata's documents entry or the file name. */
  doc: string | null;
  /** The page the document begins on, when the metadata says. */
  startPage: string | null;
  /** The document's date, when the metadata says. */
  date: string | null;
}

/** The file name without folders and extension. */
function stem(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  return base.replace(/\.[^.]+$/, '');
}

/** The identity of a volume for page comparisons, or null when the metadata does not name one. */
export function volumeKey(metadata: SourceMetadata | null): string | null {
  if (!metadata) return null;
  if (metadata.id) return metadata.id.toLowerCase();
  if (!metadata.year && !metadata.volume) return null;
  return [metadata.series ?? 'FRUS', metadata.year, metadata.supplement, metadata.volume, metadata.part]
    .map((p) => (p ?? '').toLowerCase())
    .join('|');
}

/** What the metadata says about the file `fileName` (a path or a bare name). */
export function documentSource(metadata: SourceMetadata | null, fileName: string): DocumentSource {
  const base = fileName.replace(/^.*[\\/]/, '');
  const entry = metadata?.documents?.[base] ?? metadata?.documents?.[stem(base)];
  let doc = entry?.doc ?? null;
  if (!doc) {
    let pattern = DEFAULT_DOC_PATTERN;
    if (metadata?.docPattern) {
      try {
        pattern = new RegExp(metadata.docPattern);
      } catch {
        // Checked by parseSourceMetadata; a bad pattern falls back to the default.
      }
    }
    doc = pattern.exec(stem(base))?.[1] ?? null;
  }
  return {
    metadata,
    volumeKey: volumeKey(metadata),
    doc,
    startPage: entry?.startPage ?? null,
    date: entry?.date ?? null,
  };
}

/** The document number a modern FRUS title opens with (`328. Memorandum …`), or null. */
export function docFromTitle(title: string | null | undefined): string | null {
  return title ? /^(\d{1,5})\.\s/.exec(title)?.[1] ?? null : null;
}

function fill(pattern: string, values: Record<string, string | null | undefined>): string | null {
  let missing = false;
  const out = pattern.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (!value) missing = true;
    return value ? encodeURIComponent(value) : '';
  });
  return missing ? null : out;
}

/** The document's online address, or null when the pattern or a value it needs is unknown. */
export function documentUrl(source: DocumentSource | null, page?: string | null): string | null {
  const m = source?.metadata;
  if (!m?.urlPattern) return null;
  return fill(m.urlPattern, { volume: m.id ?? m.volume, doc: source?.doc, page: page ?? undefined });
}

/** A printed page's online address (the page pattern, else the document's), or null. */
export function pageUrl(source: DocumentSource | null, page: string): string | null {
  const m = source?.metadata;
  if (m?.pageUrlPattern) return fill(m.pageUrlPattern, { volume: m.id ?? m.volume, doc: source?.doc, page });
  return documentUrl(source, page);
}

/** The volume as cited in a note: `FRUS 1951, vol. VII, pt. 1`; null when the metadata names no volume. */
export function volumeLabel(metadata: SourceMetadata | null): string | null {
  if (!metadata || (!metadata.year && !metadata.volume && !metadata.series)) return null;
  const parts = [[metadata.series ?? 'FRUS', metadata.year].filter(Boolean).join(' ')];
  if (metadata.supplement) parts.push(metadata.supplement);
  if (metadata.volume) parts.push(`vol. ${metadata.volume}`);
  if (metadata.part) parts.push(`pt. ${metadata.part}`);
  return parts.join(', ');
}
