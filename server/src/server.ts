/**
 * The language server adapter: declares capabilities and wires LSP requests to the pure memo
 * service. Handlers find the document, answer empty when it is unknown, and call the service.
 */
import {
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type ServerCapabilities,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PageAtRequest } from '../../common/protocol';
import { createMemoService, type MemoService } from './service';
import { DocumentCache } from './service/documentCache';
import { memoDocuments } from './service/memoDocument';

/** What feature modules registered on top of the core get to use. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: MemoService;
  /** Capabilities a feature module adds; merged into the initialize answer. */
  capabilities: ServerCapabilities;
  /** Extra hover sections (annotations, cross-document pages); each returns Markdown or null. */
  hoverSections: Array<(doc: TextDocument, position: Position) => string | null>;
  /** Locates a printed page outside the current document (set by the workspace index). */
  locatePage?: (page: string, fromUri: string) => string | null;
  /** Called after initialize with the client's parameters (workspace folders, capabilities). */
  onInitialized: Array<(params: InitializeParams) => void>;
  /**
   * Called on workspace/didChangeConfiguration. LSP allows one handler per notification, so
   * modules push here instead of calling `connection.onDidChangeConfiguration` themselves.
   */
  onConfigurationChanged: Array<(params: DidChangeConfigurationParams) => void>;
  /** More workspace symbols (annotations): each answers a query, possibly asynchronously. */
  workspaceSymbolSources: Array<(query: string) => Promise<SymbolInformation[]> | SymbolInformation[]>;
  /** Called on workspace/didChangeWatchedFiles (one handler per notification, as above). */
  onWatchedFilesChanged: Array<(params: DidChangeWatchedFilesParams) => void>;
}

/** A feature module: registers its handlers on the context before the server listens. */
export type FeatureModule = (ctx: ServerContext) => void;

/** Runs `handler`, turning a thrown error into the empty answer so one bad request never kills the server. */
export function safely<P, R>(connection: Connection, name: string, empty: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return empty;
    }
  };
}

export function startServer(connection: Connection, modules: FeatureModule[] = []): ServerContext {
  // Documents keep their text in pieces and hand each edit to the parse cache: a keystroke in a
  // 5 MB volume re-reads only the memo it falls in (service/memoDocument.ts).
  const cache = new DocumentCache();
  const documents = new TextDocuments<TextDocument>(memoDocuments(cache));
  const service = createMemoService(cache);
  const ctx: ServerContext = { connection, documents, service, capabilities: {}, hoverSections: [], onInitialized: [], onConfigurationChanged: [], onWatchedFilesChanged: [], workspaceSymbolSources: [] };
  let initParams: InitializeParams | undefined;
  const doc = (params: { textDocument?: { uri?: unknown } } | undefined) => {
    const uri = params?.textDocument?.uri;
    return typeof uri === 'string' ? documents.get(uri) : undefined;
  };

  connection.onInitialize(
    (params): InitializeResult => {
      initParams = params;
      return {
      capabilities: {
        ...ctx.capabilities,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        documentSymbolProvider: { label: 'Memo' },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        hoverProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
      },
      serverInfo: { name: 'memo-language-server', version: '0.1.0' },
      };
    },
  );
  connection.onInitialized(() => {
    for (const run of ctx.onInitialized) {
      try {
        if (initParams) run(initParams);
      } catch (error) {
        connection.console.error(`initialization of a feature failed: ${String(error)}`);
      }
    }
  });

  // `memo.outline.nestByPage` (VS Code settings, or initializationOptions.outline.nestByPage).
  let outlineByPage = false;
  const readOutlineSetting = (settings: unknown) => {
    const outline = (settings as { outline?: { nestByPage?: unknown } } | undefined)?.outline;
    if (outline && typeof outline.nestByPage === 'boolean') outlineByPage = outline.nestByPage;
  };
  ctx.onInitialized.push((params) => readOutlineSetting(params.initializationOptions));
  ctx.onConfigurationChanged.push((params) => readOutlineSetting((params.settings as { memo?: unknown } | undefined)?.memo));

  connection.onDocumentSymbol(safely(connection, 'documentSymbol', [], (p) => {
    const d = doc(p);
    return d ? service.documentSymbols(d, outlineByPage) : [];
  }));
  connection.onDefinition(safely(connection, 'definition', [], (p) => {
    const d = doc(p);
    return d ? service.definition(d, p.position) : [];
  }));
  connection.onReferences(safely(connection, 'references', [], (p) => {
    const d = doc(p);
    return d ? service.references(d, p.position, p.context?.includeDeclaration ?? true) : [];
  }));
  connection.onDocumentHighlight(safely(connection, 'documentHighlight', [], (p) => {
    const d = doc(p);
    return d ? service.documentHighlights(d, p.position) : [];
  }));
  connection.onHover(safely(connection, 'hover', null, (p): Hover | null => {
    const d = doc(p);
    if (!d) return null;
    const core = service.hover(d, p.position, ctx.locatePage ? (page) => ctx.locatePage!(page, d.uri) : undefined);
    const extra = ctx.hoverSections.map((section) => section(d, p.position)).filter((s): s is string => !!s);
    if (extra.length === 0) return core;
    const coreText = core && typeof core.contents === 'object' && 'value' in core.contents ? core.contents.value : '';
    return {
      contents: { kind: MarkupKind.Markdown, value: [coreText, ...extra].filter(Boolean).join('\n\n---\n\n') },
      range: core?.range,
    };
  }));
  connection.onFoldingRanges(safely(connection, 'foldingRange', [], (p) => {
    const d = doc(p);
    return d ? service.foldingRanges(d) : [];
  }));
  connection.onSelectionRanges(safely(connection, 'selectionRange', [], (p) => {
    const d = doc(p);
    return d && Array.isArray(p.positions) ? service.selectionRanges(d, p.positions) : [];
  }));
  connection.onRequest(PageAtRequest, safely(connection, 'memo/pageAt', { page: null }, (p) => {
    const d = doc(p);
    return { page: d && p.position ? service.pageAt(d, p.position) : null };
  }));

  connection.onDidChangeConfiguration((params) => {
    for (const run of ctx.onConfigurationChanged) {
      try {
        run(params);
      } catch (error) {
        connection.console.error(`a feature failed on a configuration change: ${String(error)}`);
      }
    }
  });
  connection.onDidChangeWatchedFiles((params) => {
    for (const run of ctx.onWatchedFilesChanged) {
      try {
        run(params);
      } catch (error) {
        connection.console.error(`a feature failed on changed files: ${String(error)}`);
      }
    }
  });
  documents.onDidClose((e) => service.close(e.document.uri));
  for (const register of modules) register(ctx);
  documents.listen(connection);
  connection.listen();
  return ctx;
}
