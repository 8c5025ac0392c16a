/**
 * The research folder as one index: fed documents (uri + text, or an already parsed model), it
 * keeps per memo the title, file number, notes and the printed pages it covers, answers workspace
 * symbol queries (fuzzy, through fuse.js, after exact substring hits) and finds the document and
 * position that hold a printed page. Pure and in memory: the adapter reads the files.
 */
import Fuse from 'fuse.js';
import { SymbolKind, type Position, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import type { MemoModel } from '../parser/model';
import { parseMemo } from '../parser/parse';
import { citedTitle } from '../citation/heading';
import { memoPages, pageOf } from '../citation/pages';

/** What the folder's metadata tells the index about one document. */
export interface IndexSource {
  /** Identity of the printed volume (see metadata.ts `volumeKey`); null when unknown. */
  volumeKey: string | null;
  /** The page the document begins on, when the metadata says. */
  startPage?: string | null;
}

/** Where a printed page is in the folder. */
export interface PageLocation {
  uri: string;
  position: Position;
  /** The title of the memo holding it. */
  title: string | null;
  /** `start`: the memo begins on the page; `marker`: the page's `[Page N]` marker; `note`: the named footnote on it. */
  how: 'start' | 'marker' | 'note';
}

/** How to choose among the documents that hold a page. */
export interface LocateOptions {
  /** The document asking: preferred when it holds the page; its volume and folder break ties. */
  fromUri?: string;
  /** The note a reference names (`see footnote 4, p. 462`): the memo with that note on that page wins. */
  footnote?: string | null;
  /**
   * `document` (for page references): a memo that begins on the page before one whose marker is
   * there, since volumes cite documents by their first page. `pageStart` (Go to page): the marker.
   */
  prefer?: 'document' | 'pageStart';
}

/** The pages one memo covers. */
export interface MemoPageRange {
  title: string | null;
  first: string | null;
  last: string | null;
  /** Every page it holds text of, in order. */
  pages: string[];
}

interface PageEntry {
  doc: IndexedDocument;
  memo: number;
  how: 'start' | 'marker';
  position: Position;
}

interface NoteOnPage {
  /** The reference's label as printed. */
  label: string;
  page: string | null;
  position: Position;
}

interface MemoSummary {
  title: string | null;
  range: MemoPageRange;
  notes: NoteOnPage[];
}

interface SymbolEntry {
  key: string;
  /** The words of the key, for word-prefix matching. */
  words: string[];
  symbol: SymbolInformation;
  /** Titles rank before file numbers before notes when scores tie. */
  rank: number;
}

interface IndexedDocument {
  uri: string;
  dir: string;
  order: number;
  volumeKey: string | null;
  memos: MemoSummary[];
  symbols: SymbolEntry[];
  pageKeys: string[];
}

/** A page number as a lookup key: `0508` → `508`, `XII` → `xii`. */
export function pageKey(page: string): string {
  const p = page.trim().toLowerCase();
  return /^\d+$/.test(p) ? String(Number(p)) : p;
}

/** Text as searched: lower case, no accents, plain dashes and quotes. */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‐-―−]/g, '-')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

const NOTE_WORDS = 10;
const DEFAULT_LIMIT = 256;

function noteName(label: string, text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const head = words.slice(0, NOTE_WORDS).join(' ');
  return `Footnote ${label}: ${words.length > NOTE_WORDS ? `${head}…` : head}`;
}

/** Whether a symbol takes part in fuzzy matching (titles and file numbers). */
const fuzzyTarget = (s: SymbolEntry) => s.rank <= 1;

function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i >= 0 ? uri.slice(0, i) : '';
}

function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** The index of a research folder's memos. */
export class WorkspaceIndex {
  private readonly docs = new Map<string, IndexedDocument>();
  private readonly pages = new Map<string, PageEntry[]>();
  /** Every symbol in document order, rebuilt after a change (cheap); null when stale. */
  private symbolList: SymbolEntry[] | null = null;
  /** The fuzzy index, built only when a query needs it (a typo), since building it costs more. */
  private fuse: Fuse<SymbolEntry> | null = null;
  private order = 0;

  /** Number of documents indexed. */
  get size(): number {
    return this.docs.size;
  }

  /** Number of memos indexed (a file may hold several). */
  get memoCount(): number {
    let n = 0;
    for (const doc of this.docs.values()) n += doc.memos.length;
    return n;
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  /** Indexes (or re-indexes) a document from its text. */
  setDocument(uri: string, text: string, source?: IndexSource | null): void {
    this.setModel(uri, parseMemo(text), source);
  }

  /** Indexes a document from a parse made elsewhere (the open document's cached model). */
  setModel(uri: string, model: MemoModel, source?: IndexSource | null): void {
    const previous = this.docs.get(uri);
    if (previous) this.unlinkPages(previous);
    const doc: IndexedDocument = {
      uri,
      dir: dirOf(uri),
      order: previous?.order ?? this.order++,
      volumeKey: source?.volumeKey ?? null,
      memos: [],
      symbols: [],
      pageKeys: [],
    };
    const startPage = source?.startPage ?? null;
    const at = (offset: number) => model.lines.positionAt(offset);
    const range = (start: number, end: number): Range => ({ start: at(start), end: at(end) });
    const file = baseName(uri);
    model.memos.forEach((memo, index) => {
      const title = memo.title?.text ?? null;
      const shortTitle = citedTitle(title);
      const whole = memoPages(model, memo, startPage);
      const pages: string[] = [];
      const addPage = (page: string, how: 'start' | 'marker', position: Position) => {
        const key = pageKey(page);
        if (!pages.includes(page)) pages.push(page);
        const list = this.pages.get(key) ?? [];
        list.push({ doc, memo: index, how, position });
        this.pages.set(key, list);
        doc.pageKeys.push(key);
      };
      if (whole) addPage(whole.first, 'start', at(memo.start));
      for (const marker of memo.pageMarkers) addPage(marker.page, 'marker', at(marker.start));
      if (title) this.addSymbol(doc, 0, title, SymbolKind.File, range(memo.title!.start, memo.title!.end), memo.fileNumber?.text ?? file);
      if (memo.fileNumber) {
        this.addSymbol(doc, 1, memo.fileNumber.text, SymbolKind.Key, range(memo.fileNumber.start, memo.fileNumber.end), shortTitle ?? file);
      }
      const notes: NoteOnPage[] = [];
      for (const note of memo.notes) {
        const ref = note.refs.length > 0 ? memo.refs[note.refs[0]] : null;
        notes.push({
          label: ref?.label ?? note.label,
          page: ref ? pageOf(model, ref.start, index === 0 ? startPage : null) : null,
          position: at(note.labelSpan.start),
        });
        this.addSymbol(doc, 2, noteName(note.label, note.text), SymbolKind.String, range(note.start, note.end), shortTitle ?? file);
      }
      doc.memos.push({ title, range: { title, first: whole?.first ?? null, last: whole?.last ?? null, pages }, notes });
    });
    this.docs.set(uri, doc);
    this.symbolList = null;
    // Keep a built fuzzy index current rather than rebuild it for every file of a big folder.
    if (this.fuse) {
      if (previous) this.fuse.remove((e) => e.symbol.location.uri === uri);
      for (const s of doc.symbols) if (fuzzyTarget(s)) this.fuse.add(s);
    }
  }

  /** Forgets a document; false when it was not indexed. */
  removeDocument(uri: string): boolean {
    const doc = this.docs.get(uri);
    if (!doc) return false;
    this.unlinkPages(doc);
    this.docs.delete(uri);
    this.symbolList = null;
    this.fuse?.remove((e) => e.symbol.location.uri === uri);
    return true;
  }

  /** The pages each memo of a document covers. */
  pageRanges(uri: string): MemoPageRange[] {
    return this.docs.get(uri)?.memos.map((m) => m.range) ?? [];
  }

  private addSymbol(doc: IndexedDocument, rank: number, name: string, kind: SymbolKind, range: Range, containerName: string): void {
    const key = searchKey(name);
    doc.symbols.push({ key, words: key.split(/[^\p{L}\p{N}]+/u).filter(Boolean), rank, symbol: { name, kind, location: { uri: doc.uri, range }, containerName } });
  }

  private unlinkPages(doc: IndexedDocument): void {
    for (const key of new Set(doc.pageKeys)) {
      const list = this.pages.get(key);
      if (!list) continue;
      const kept = list.filter((e) => e.doc !== doc);
      if (kept.length > 0) this.pages.set(key, kept);
      else this.pages.delete(key);
    }
  }

  private get allSymbols(): SymbolEntry[] {
    if (!this.symbolList) this.symbolList = [...this.docs.values()].sort((a, b) => a.order - b.order).flatMap((d) => d.symbols);
    return this.symbolList;
  }

  private searcher(): Fuse<SymbolEntry> {
    if (!this.fuse) {
      // Titles and file numbers only: typos are forgiven in names, and notes would triple the cost.
      // (A fresh array: Fuse keeps and grows the one it is given.)
      this.fuse = new Fuse(this.allSymbols.filter(fuzzyTarget), {
        keys: ['key'],
        threshold: 0.3,
        ignoreLocation: true,
        includeScore: true,
        minMatchCharLength: 2,
      });
    }
    return this.fuse;
  }

  /**
   * Workspace symbols matching a query: titles, file numbers and notes of every memo. First the
   * names holding the query as typed, then those where every word of the query begins a word of
   * the name (`charge india steere`), titles before file numbers before notes; only when neither
   * finds anything, fuzzy matches (a misspelt name). An empty query lists the titles.
   */
  symbols(query: string, limit = DEFAULT_LIMIT): SymbolInformation[] {
    const q = searchKey(query);
    if (!q) return this.allSymbols.filter((s) => s.rank === 0).slice(0, limit).map((s) => s.symbol);
    const words = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const scored: Array<{ s: SymbolEntry; group: number; at: number }> = [];
    for (const s of this.allSymbols) {
      const at = s.key.indexOf(q);
      if (at >= 0) scored.push({ s, group: at === 0 ? 0 : 1, at });
      else if (words.length > 0 && words.every((w) => s.words.some((t) => t.startsWith(w)))) scored.push({ s, group: 2, at: 0 });
    }
    scored.sort((a, b) => a.group - b.group || a.s.rank - b.s.rank || a.at - b.at);
    const out = scored.slice(0, limit).map((x) => x.s.symbol);
    // Fuzzy matching rescues typos in short queries; it would only add noise to real hits.
    if (out.length > 0 || q.length > 64) return out;
    return this.searcher().search(q, { limit }).map((r) => r.item.symbol);
  }

  /** Where a printed page is in the folder, or null when no indexed document holds it. */
  locatePage(page: string, options: LocateOptions = {}): PageLocation | null {
    const entries = this.pages.get(pageKey(page));
    if (!entries || entries.length === 0) return null;
    const from = options.fromUri ? this.docs.get(options.fromUri) : undefined;
    // Page numbers of another printed volume are not this page.
    const comparable = entries.filter((e) => !from?.volumeKey || !e.doc.volumeKey || e.doc.volumeKey === from.volumeKey);
    if (comparable.length === 0) return null;
    const key = pageKey(page);

    if (options.footnote) {
      const label = options.footnote;
      for (const e of this.ordered(comparable, options, from)) {
        const note = e.doc.memos[e.memo].notes.find((n) => n.label === label && n.page !== null && pageKey(n.page) === key);
        if (note) return { uri: e.doc.uri, position: note.position, title: e.doc.memos[e.memo].title, how: 'note' };
      }
    }
    const best = this.ordered(comparable, options, from)[0];
    return { uri: best.doc.uri, position: best.position, title: best.doc.memos[best.memo].title, how: best.how };
  }

  private ordered(entries: PageEntry[], options: LocateOptions, from: IndexedDocument | undefined): PageEntry[] {
    const preferStart = (options.prefer ?? 'document') === 'document';
    const fromDir = from?.dir ?? (options.fromUri ? dirOf(options.fromUri) : null);
    const score = (e: PageEntry): number[] => [
      e.doc.uri === options.fromUri ? 0 : 1,
      preferStart ? (e.how === 'start' ? 0 : 1) : e.how === 'marker' ? 0 : 1,
      from?.volumeKey && e.doc.volumeKey === from.volumeKey ? 0 : 1,
      e.doc.dir === fromDir ? 0 : 1,
      e.doc.order,
      e.position.line,
    ];
    return [...entries].sort((a, b) => {
      const x = score(a);
      const y = score(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
      return 0;
    });
  }
}
