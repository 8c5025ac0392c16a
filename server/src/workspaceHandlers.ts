/**
 * The research folder feature: indexes the workspace folders' memos in the background, keeps the
 * index current (watched files, open documents), and serves workspace symbols, page-reference
 * document links, cross-document page hovers (`ctx.locatePage`), `memo/citation`,
 * `memo/goToPage`, and the online link on a page marker's hover.
 */
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  type Connection,
  type DocumentLink,
  type InitializeParams,
  type SymbolInformation,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CitationRequest, GoToPageRequest, type CitationResult, type GoToPageResult } from '../../common/protocol';
import { safely, type FeatureModule, type ServerContext } from './server';
import { citation } from './service/citation/citation';
import { markerBefore } from './service/features/pages';
import { METADATA_FILE, documentSource, pageUrl, type DocumentSource } from './service/metadata';
import { parseMemo } from './service/parser/parse';
import { WorkspaceIndex, type PageLocation } from './service/workspace';
import { pageLinks, targetUri } from './service/workspace/pageRefs';
import { WorkspaceFiles, canonicalUri, isInside, readText, uriToPath } from './workspaceFiles';

/** Edits come in bursts; re-index an open document once they pause. */
const OPEN_DOCUMENT_SETTLE_MS = 250;

interface CitationSettings {
  style: string;
  template: string;
}

/** Runs an async handler, turning a rejection into the empty answer (as `safely` does for sync ones). */
function safelyAsync<P, R>(connection: Connection, name: string, empty: R, handler: (params: P) => Promise<R>): (params: P) => Promise<R> {
  return async (params: P) => {
    try {
      return await handler(params);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return empty;
    }
  };
}

/** `p. 508`, `page xii`, ` 508 ` → `508`; null when it is not a page number. */
export function normalizePageInput(input: unknown): string | null {
  if (typeof input === 'number' && Number.isInteger(input) && input > 0) return String(input);
  if (typeof input !== 'string') return null;
  const m = /^\s*(?:(?:pp?\.|pages?)\s*)?(\d{1,5}|[ivxlcdm]{1,12})\s*$/i.exec(input);
  return m ? m[1] : null;
}

class WorkspaceFeature {
  readonly index = new WorkspaceIndex();
  readonly files: WorkspaceFiles;
  /** The URI string the client uses for each open document, by canonical URI. */
  private readonly clientUris = new Map<string, string>();
  /** Canonical URI → the version of the open document last indexed. */
  private readonly indexedVersions = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Metadata of each indexed file, for citations, links and hovers without waiting. */
  private readonly sources = new Map<string, DocumentSource>();
  private progress: WorkDoneProgressServerReporter | null = null;
  private canReportProgress = false;
  private configurable = false;
  private initCitation: Partial<CitationSettings> = {};
  private started = 0;

  constructor(private readonly ctx: ServerContext) {
    this.files = new WorkspaceFiles({
      onFile: (uri, text) => this.onFile(uri, text),
      warn: (message) => {
        ctx.connection.console.warn(message);
        void ctx.connection.window.showWarningMessage(`Memo: ${message}`);
      },
      onProgress: (done, total) => this.progress?.report(Math.round((100 * done) / Math.max(total, 1)), `${done}/${total} files`),
      onIdle: () => {
        this.progress?.done();
        this.progress = null;
        if (this.started) {
          ctx.connection.console.info(`memo index: ${this.index.memoCount} memos in ${this.index.size} files (${Date.now() - this.started} ms)`);
          this.started = 0;
        }
      },
    });
  }

  private get connection(): Connection {
    return this.ctx.connection;
  }

  // --- Feeding the index ---

  private async sourceFor(uri: string): Promise<DocumentSource> {
    const file = uriToPath(uri);
    const metadata = file ? await this.files.metadataFor(file) : null;
    const source = documentSource(metadata, file ?? uri);
    this.sources.set(canonicalUri(uri), source);
    return source;
  }

  /** The metadata known without waiting (indexed files); null until it has been read. */
  private knownSource(uri: string): DocumentSource | null {
    return this.sources.get(canonicalUri(uri)) ?? null;
  }

  private onFile(uri: string, text: string | null): void {
    const key = canonicalUri(uri);
    if (this.clientUris.has(key)) return; // the open document's text wins over the disk's
    if (text === null) {
      this.index.removeDocument(key);
      return;
    }
    // The metadata is cached per folder after the first file; index once it is known.
    void this.sourceFor(key).then((source) => {
      if (this.clientUris.has(key)) return;
      this.index.setModel(key, parseMemo(text), { volumeKey: source.volumeKey, startPage: source.startPage });
    });
  }

  /** Indexes an open document's current version now (requests need it current). */
  indexOpen(doc: TextDocument): void {
    const key = canonicalUri(doc.uri);
    this.clientUris.set(key, doc.uri);
    if (this.indexedVersions.get(key) === doc.version && this.index.has(key)) return;
    this.indexedVersions.set(key, doc.version);
    const source = this.knownSource(key);
    this.index.setModel(key, this.ctx.service.model(doc), { volumeKey: source?.volumeKey ?? null, startPage: source?.startPage });
    if (!source) {
      // First sight of this document: read its folder's metadata, then index it again with it.
      void this.sourceFor(key).then(() => {
        this.indexedVersions.delete(key);
        const current = this.ctx.documents.get(doc.uri);
        if (current) this.indexOpen(current);
      });
    }
  }

  /** Re-indexes an open document once its edits pause. */
  scheduleOpen(doc: TextDocument): void {
    const key = canonicalUri(doc.uri);
    this.clientUris.set(key, doc.uri);
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      const current = this.ctx.documents.get(doc.uri);
      if (current) this.indexOpen(current);
    }, OPEN_DOCUMENT_SETTLE_MS));
  }

  /** A closed document goes back to its disk version (or out of the index). */
  onClose(doc: TextDocument): void {
    const key = canonicalUri(doc.uri);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.clientUris.delete(key);
    this.indexedVersions.delete(key);
    const file = uriToPath(key);
    // Back to what the disk says (unsaved edits are gone); files outside the folders leave the index.
    if (file && this.files.folders.some((f) => isInside(file, f))) this.files.enqueue(file);
    else this.index.removeDocument(key);
  }

  /** After initialize: watch files, follow folder changes, index every folder in the background. */
  startIndexing(params: InitializeParams): void {
    this.canReportProgress = !!params.capabilities.window?.workDoneProgress;
    this.configurable = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { citation?: Partial<CitationSettings> } | undefined;
    if (init?.citation && typeof init.citation === 'object') this.initCitation = init.citation;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    if (params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{memo,txt}' },
          { globPattern: `**/${METADATA_FILE}` },
          // Annotation sidecars written by another window or by git (annotation workspace symbols).
          { globPattern: '**/*.annotations.json' },
          // A deleted folder is reported as itself only: watch deletions of everything.
          { globPattern: '**/*', kind: WatchKind.Delete },
        ],
      });
    }
    if (params.capabilities.workspace?.workspaceFolders) {
      try {
        this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
          for (const f of e.removed) this.removeFolder(f.uri);
          for (const f of e.added) void this.addFolder(f.uri);
        });
      } catch {
        // The client did not announce folder changes after all.
      }
    }
    this.started = Date.now();
    for (const uri of folders) void this.addFolder(uri);
  }

  private async addFolder(uri: string): Promise<void> {
    const folder = uriToPath(uri);
    if (!folder) return;
    if (this.canReportProgress && !this.progress) {
      this.progress = await this.connection.window.createWorkDoneProgress().catch(() => null);
      this.progress?.begin('Indexing memos', 0, undefined, false);
    }
    await this.files.addFolder(folder);
    if (!this.files.busy) {
      this.progress?.done();
      this.progress = null;
    }
  }

  private removeFolder(uri: string): void {
    const folder = uriToPath(uri);
    if (!folder) return;
    this.files.removeFolder(folder);
    for (const key of this.index.uris()) {
      const file = uriToPath(key);
      if (file && isInside(file, folder) && !this.clientUris.has(key)) this.index.removeDocument(key);
    }
  }

  onWatchedFiles(changes: Array<{ uri: string; type: FileChangeType }>): void {
    for (const change of changes) {
      const key = canonicalUri(change.uri);
      const file = uriToPath(key);
      if (!file) continue;
      if (path.basename(file) === METADATA_FILE) {
        this.metadataChanged(path.dirname(file));
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        // The file, or every indexed file under a deleted folder.
        for (const indexed of this.index.uris()) {
          const p = uriToPath(indexed);
          if (p && isInside(p, file) && !this.clientUris.has(indexed)) {
            this.index.removeDocument(indexed);
            this.sources.delete(indexed);
          }
        }
      } else if (/\.(?:memo|txt)$/i.test(file) && !this.clientUris.has(key)) {
        this.files.enqueue(file);
      }
    }
  }

  private metadataChanged(dir: string): void {
    this.files.invalidateMetadata(dir);
    for (const key of this.index.uris()) {
      const file = uriToPath(key);
      if (!file || !isInside(file, dir)) continue;
      this.sources.delete(key);
      const open = this.clientUris.get(key);
      const doc = open ? this.ctx.documents.get(open) : undefined;
      if (doc) {
        this.indexedVersions.delete(key);
        void this.sourceFor(key).then(() => this.indexOpen(doc));
      } else this.files.enqueue(file);
    }
  }

  // --- Answers ---

  /** The URI to hand the client: its own spelling for open documents. */
  private clientUri(key: string): string {
    return this.clientUris.get(key) ?? key;
  }

  private fileLabel(location: PageLocation): string {
    const name = decodeURIComponent(location.uri.slice(location.uri.lastIndexOf('/') + 1));
    return `${name}, line ${location.position.line + 1}${location.title ? ` — ${location.title}` : ''}`;
  }

  /** Markdown for the core hover on a page reference found in another document. */
  locatePage(page: string, fromUri: string): string | null {
    const doc = this.ctx.documents.get(fromUri);
    if (doc) this.indexOpen(doc);
    const found = this.index.locatePage(page, { fromUri: canonicalUri(fromUri), prefer: 'document' });
    if (!found) return null;
    const target = targetUri({ uri: this.clientUri(found.uri), line: found.position.line, character: found.position.character, label: '' });
    const where = found.how === 'start' ? 'the document that begins on it' : 'where it begins';
    return `[${this.fileLabel(found).replace(/[[\]]/g, '\\$&')}](${target}) (${where})`;
  }

  documentLinks(doc: TextDocument): DocumentLink[] {
    this.indexOpen(doc);
    const key = canonicalUri(doc.uri);
    const metadata = this.knownSource(key)?.metadata ?? null;
    return pageLinks(this.ctx.service.model(doc), metadata, (page, footnote) => {
      const found = this.index.locatePage(page, { fromUri: key, footnote, prefer: 'document' });
      if (!found) return null;
      return { uri: this.clientUri(found.uri), line: found.position.line, character: found.position.character, label: this.fileLabel(found) };
    });
  }

  workspaceSymbols(query: string): SymbolInformation[] {
    for (const doc of this.ctx.documents.all()) this.indexOpen(doc);
    return this.index.symbols(query).map((s) => ({ ...s, location: { ...s.location, uri: this.clientUri(s.location.uri) } }));
  }

  goToPage(page: unknown, fromUri: string | undefined): GoToPageResult {
    const p = normalizePageInput(page);
    if (!p) return null;
    const from = fromUri ? this.ctx.documents.get(fromUri) : undefined;
    if (from) this.indexOpen(from);
    const found = this.index.locatePage(p, { fromUri: fromUri ? canonicalUri(fromUri) : undefined, prefer: 'pageStart' });
    return found ? { uri: this.clientUri(found.uri), position: found.position } : null;
  }

  private async settings(uri: string): Promise<CitationSettings> {
    let style: unknown = this.initCitation.style;
    let template: unknown = this.initCitation.template;
    if (this.configurable) {
      const config = (await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'memo.citation' }).catch(() => null)) as
        | Partial<CitationSettings>
        | null;
      if (config && typeof config === 'object') {
        style = config.style ?? style;
        template = config.template ?? template;
      }
    }
    return { style: typeof style === 'string' && style ? style : 'chicago-note', template: typeof template === 'string' ? template : '' };
  }

  async citation(params: { textDocument?: { uri?: unknown }; range?: unknown; withQuotation?: unknown }): Promise<CitationResult> {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new Error('memo/citation needs textDocument.uri');
    const range = params.range as { start?: { line: number; character: number }; end?: { line: number; character: number } } | undefined;
    if (!range?.start || !range.end) throw new Error('memo/citation needs a range {start, end}');
    const doc = this.ctx.documents.get(uri);
    let model;
    if (doc) model = this.ctx.service.model(doc);
    else {
      const file = uriToPath(uri);
      if (!file) return { pages: null, text: '' };
      model = parseMemo(await readText(file));
    }
    const a = model.lines.offsetAt(range.start);
    const b = model.lines.offsetAt(range.end);
    const source = await this.sourceFor(uri);
    const { style, template } = await this.settings(uri);
    const withQuotation = params.withQuotation === true;
    const result = citation(model, { start: Math.min(a, b), end: Math.max(a, b) }, { source, style, template, withQuotation });
    return { pages: result.pages, text: result.text, ...(withQuotation ? { quotation: result.quotation ?? result.text } : {}) };
  }

  /** Hover section on a `[Page N]` marker: the page online, when the folder's metadata knows the address. */
  pageMarkerHover(doc: TextDocument, position: { line: number; character: number }): string | null {
    const source = this.knownSource(doc.uri);
    if (!source?.metadata?.urlPattern && !source?.metadata?.pageUrlPattern) return null;
    const model = this.ctx.service.model(doc);
    if (!model.lines.contains(position)) return null;
    const offset = model.lines.offsetAt(position);
    const i = markerBefore(model.pageMarkers, offset);
    const marker = i >= 0 ? model.pageMarkers[i] : null;
    if (!marker || offset >= marker.end) return null;
    const url = pageUrl(source, marker.page);
    if (!url) return null;
    const what = source.metadata.pageUrlPattern ? `page ${marker.page}` : 'the document';
    return `[View ${what} online](${url})`;
  }
}

/** Registers the research-folder feature on the server. */
export const workspaceFeature: FeatureModule = (ctx) => {
  const feature = new WorkspaceFeature(ctx);
  const { connection, documents } = ctx;
  ctx.capabilities.workspaceSymbolProvider = true;
  ctx.capabilities.documentLinkProvider = { resolveProvider: false };
  ctx.capabilities.workspace = {
    ...ctx.capabilities.workspace,
    workspaceFolders: { supported: true, changeNotifications: true },
  };
  ctx.onInitialized.push((params) => feature.startIndexing(params));
  ctx.locatePage = (page, fromUri) => feature.locatePage(page, fromUri);
  ctx.hoverSections.push((doc, position) => {
    try {
      return feature.pageMarkerHover(doc, position);
    } catch (error) {
      connection.console.error(`page marker hover failed: ${String(error)}`);
      return null;
    }
  });

  // Document events are not requests, but a failure in one must not stop the others either.
  const guard = (name: string, run: () => void) => safely(connection, name, undefined, run)(undefined);
  documents.onDidOpen((e) => guard('index open document', () => feature.indexOpen(e.document)));
  documents.onDidChangeContent((e) => guard('index changed document', () => feature.scheduleOpen(e.document)));
  documents.onDidClose((e) => guard('index closed document', () => feature.onClose(e.document)));
  ctx.onWatchedFilesChanged.push((p) => feature.onWatchedFiles(p.changes ?? []));

  connection.onWorkspaceSymbol(safelyAsync(connection, 'workspace/symbol', [] as SymbolInformation[], async (p) => {
    const query = typeof p?.query === 'string' ? p.query : '';
    const more = await Promise.all(ctx.workspaceSymbolSources.map((source) => Promise.resolve(source(query)).catch(() => [])));
    return [...feature.workspaceSymbols(query), ...more.flat()];
  }));
  connection.onDocumentLinks(safely(connection, 'documentLink', [] as DocumentLink[], (p) => {
    const doc = documents.get(p?.textDocument?.uri);
    return doc ? feature.documentLinks(doc) : [];
  }));
  connection.onRequest(CitationRequest, safelyAsync(connection, 'memo/citation', { pages: null, text: '' } as CitationResult, (p) => feature.citation(p)));
  connection.onRequest(GoToPageRequest, safely(connection, 'memo/goToPage', null as GoToPageResult, (p) => feature.goToPage(p?.page, p?.textDocument?.uri)));
};
