/**
 * The memo language service: pure functions of a document's text, no `vscode`, no connection.
 * `createMemoService()` returns the facade the server adapter (and tests) call; each method
 * reads the cached parse of the document's version.
 */
import type {
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  SelectionRange,
} from 'vscode-languageserver-types';
import { DocumentCache, derived, type TextDocumentLike } from './documentCache';
import { definition } from './features/definition';
import { documentSymbols, documentSymbolsByPage } from './features/documentSymbols';
import { foldingRanges } from './features/folding';
import { documentHighlights } from './features/highlights';
import { hover, type PageLocator } from './features/hover';
import { pageAtOffset } from './features/pages';
import { references } from './features/references';
import { selectionRanges } from './features/selectionRanges';
import type { MemoModel } from './parser/model';

export type { TextDocumentLike } from './documentCache';
export type { MemoModel } from './parser/model';
export { parseMemo } from './parser/parse';

export interface MemoService {
  /** The cached parse of a document's current version. */
  model(doc: TextDocumentLike): MemoModel;
  /** The outline; `byPage` nests each page's points and notes under its `Page N` entry. */
  documentSymbols(doc: TextDocumentLike, byPage?: boolean): DocumentSymbol[];
  definition(doc: TextDocumentLike, position: Position): Location[];
  references(doc: TextDocumentLike, position: Position, includeDeclaration: boolean): Location[];
  documentHighlights(doc: TextDocumentLike, position: Position): DocumentHighlight[];
  hover(doc: TextDocumentLike, position: Position, locate?: PageLocator): Hover | null;
  pageAt(doc: TextDocumentLike, position: Position): string | null;
  foldingRanges(doc: TextDocumentLike): FoldingRange[];
  selectionRanges(doc: TextDocumentLike, positions: Position[]): SelectionRange[];
  /** Forgets a closed document. */
  close(uri: string): void;
}

export function createMemoService(cache = new DocumentCache()): MemoService {
  const withModel = <T>(doc: TextDocumentLike, position: Position, empty: T, run: (m: MemoModel, offset: number) => T): T => {
    const model = cache.get(doc);
    // Out-of-range positions get an empty answer rather than a clamped guess.
    if (!model.lines.contains(position)) return empty;
    return run(model, model.lines.offsetAt(position));
  };
  return {
    model: (doc) => cache.get(doc),
    // Asked several times per version (outline, breadcrumbs, sticky scroll): built once.
    documentSymbols: (doc, byPage = false) => derived(cache.get(doc), byPage ? documentSymbolsByPage : documentSymbols),
    definition: (doc, pos) => withModel(doc, pos, [], (m, o) => definition(m, doc.uri, o)),
    references: (doc, pos, decl) => withModel(doc, pos, [], (m, o) => references(m, doc.uri, o, decl)),
    documentHighlights: (doc, pos) => withModel(doc, pos, [], (m, o) => documentHighlights(m, o)),
    hover: (doc, pos, locate) => withModel(doc, pos, null, (m, o) => hover(m, o, locate)),
    pageAt: (doc, pos) => withModel(doc, pos, null, (m, o) => pageAtOffset(m, o)),
    foldingRanges: (doc) => derived(cache.get(doc), foldingRanges),
    selectionRanges: (doc, positions) => {
      const model = cache.get(doc);
      const valid = positions.filter((p) => model.lines.contains(p));
      if (valid.length !== positions.length) return [];
      return selectionRanges(model, valid.map((p) => model.lines.offsetAt(p)));
    },
    close: (uri) => cache.delete(uri),
  };
}
