/**
 * Custom requests and notifications of the memo language server, shared by the client,
 * the server and tests. Other editors call the same method names; keep them stable.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Position, Range, TextDocumentIdentifier } from 'vscode-languageserver-protocol';

/** `memo/pageAt`: the printed page a position lies on. */
export interface PageAtParams {
  textDocument: TextDocumentIdentifier;
  position: Position;
}
/** `page` is null when the document has no page markers or is unknown. */
export interface PageAtResult {
  page: string | null;
}
export const PageAtRequest = new RequestType<PageAtParams, PageAtResult, void>('memo/pageAt');

export type { Position, Range, TextDocumentIdentifier };
export { NotificationType };

// ---------------------------------------------------------------------------------------------
// Annotations (issue #4). The server owns them: it stores them in `<source>.annotations.json`
// (a W3C AnnotationCollection) beside each source, keeps their ranges in step with edits and
// tells the client what moved. Ranges are LSP ranges (UTF-16) in the document as it is now.

/** A W3C Web Annotation as stored (see server/src/service/annotations/model.ts). */
export type MemoAnnotation = {
  id: string;
  type: 'Annotation';
  motivation: string;
  created: string;
  modified: string;
  body: Array<{ type: string; value: string; purpose?: string; format?: string; [key: string]: unknown }>;
  /** A text target with selectors, or (a reply) the id of the annotation replied to. */
  target: { source: string; selector: Array<{ type: string; [key: string]: unknown }>; [key: string]: unknown } | string;
  'memo:resolved'?: boolean;
  [key: string]: unknown;
};

/** A note's content: Markdown text and tags (without `#`). */
export interface AnnotationBodyParams {
  text: string;
  tags: string[];
}

/** `anchored`: on the same words; `moved`: re-anchored with a confidence below exact; `orphaned`: not found. */
export type AnnotationStatus = 'anchored' | 'moved' | 'orphaned';

/** One annotation of a document, where it lies now. Replies share their thread's range and status. */
export interface AnnotationListItem {
  annotation: MemoAnnotation;
  range: Range | null;
  status: AnnotationStatus;
  /** 1 when anchored, below 1 when moved, 0 when orphaned. */
  confidence: number;
  /** Why it is moved or orphaned, in words. */
  reason?: string;
  /** The printed page where it lies now (as stored when orphaned). */
  page: string | null;
  /** The id of the annotation this one replies to. */
  replyTo?: string;
}

/** `memo/annotation/add`: annotates `range`, or replies to `replyTo` (then `range` is ignored). */
export interface AddAnnotationParams {
  textDocument: TextDocumentIdentifier;
  range?: Range;
  body: AnnotationBodyParams;
  replyTo?: string;
}
export const AddAnnotationRequest = new RequestType<AddAnnotationParams, MemoAnnotation, void>('memo/annotation/add');

/** `memo/annotation/list`: a document's annotations (empty for an unknown document). */
export interface ListAnnotationsParams {
  textDocument: TextDocumentIdentifier;
}
export const ListAnnotationsRequest = new RequestType<ListAnnotationsParams, AnnotationListItem[], void>('memo/annotation/list');

/**
 * `memo/annotation/update`: changes a note's text and/or tags, resolves or reopens it, or moves
 * it to `range` (which also re-attaches an orphan, and confirms a moved one).
 */
export interface UpdateAnnotationParams {
  textDocument: TextDocumentIdentifier;
  id: string;
  body?: Partial<AnnotationBodyParams>;
  range?: Range;
  resolved?: boolean;
}
export const UpdateAnnotationRequest = new RequestType<UpdateAnnotationParams, MemoAnnotation, void>('memo/annotation/update');

/** `memo/annotation/delete`: deletes an annotation and its replies; answers the ids deleted. */
export interface DeleteAnnotationParams {
  textDocument: TextDocumentIdentifier;
  id: string;
}
export const DeleteAnnotationRequest = new RequestType<DeleteAnnotationParams, { deleted: string[] }, void>('memo/annotation/delete');

/** `memo/annotation/listAll`: the annotations of every annotated source in the workspace folders. */
export interface WorkspaceAnnotations {
  documents: Array<{ uri: string; items: AnnotationListItem[]; readOnly?: string }>;
}
export const ListAllAnnotationsRequest = new RequestType<Record<string, never>, WorkspaceAnnotations, void>('memo/annotation/listAll');

/** `memo/annotation/export`: one document's annotations, or (`all`) the workspace's. */
export interface ExportAnnotationsParams {
  textDocument?: TextDocumentIdentifier;
  all?: boolean;
  format: 'markdown' | 'jsonld';
}
export const ExportAnnotationsRequest = new RequestType<ExportAnnotationsParams, { content: string; count: number }, void>('memo/annotation/export');

/** `memo/annotation/import`: adds a W3C collection's annotations to a document (anchored by their quotes). */
export interface ImportAnnotationsParams {
  textDocument: TextDocumentIdentifier;
  collection: unknown;
}
export interface ImportAnnotationsResult {
  imported: number;
  /** Already present with the same id and not newer. */
  unchanged: number;
  skipped: Array<{ id: string | null; reason: string }>;
}
export const ImportAnnotationsRequest = new RequestType<ImportAnnotationsParams, ImportAnnotationsResult, void>('memo/annotation/import');

/**
 * `memo/annotation/changed` (server → client): a document's annotations after an edit, a
 * reload of the file, or a write. `moved` lists the ids whose range or status changed;
 * `readOnly` says why annotations of the document cannot be changed (a file that does not parse).
 */
export interface AnnotationsChangedParams {
  uri: string;
  items: AnnotationListItem[];
  moved: string[];
  reason: 'open' | 'edit' | 'reload' | 'write';
  readOnly?: string;
}
export const AnnotationsChangedNotification = new NotificationType<AnnotationsChangedParams>('memo/annotation/changed');

// --- Citations and the research folder (issue #5) ---

/** `memo/citation`: a citation for a selection (or the cursor, as an empty range). */
export interface CitationParams {
  textDocument: TextDocumentIdentifier;
  range: Range;
  /** Also answer `quotation`: the selection quoted (page markers and reference labels removed) with the citation. */
  withQuotation?: boolean;
}
/**
 * `pages` is the pinpoint (`p. 508`, `pp. 508–509`, `p. 507n1` inside a footnote), null when the
 * text has no page markers and the folder's metadata gives no first page; `text` the citation in
 * the `memo.citation.style` setting (Chicago note by default).
 */
export interface CitationResult {
  pages: string | null;
  text: string;
  /** Present when `withQuotation` was asked: `“quoted selection” citation`. */
  quotation?: string;
}
export const CitationRequest = new RequestType<CitationParams, CitationResult, void>('memo/citation');

/** `memo/goToPage`: where a printed page is, in the given document first, then across the folder. */
export interface GoToPageParams {
  /** The page as printed: `508`, `xii` (a leading `p.` or `page` is allowed). */
  page: string;
  textDocument?: TextDocumentIdentifier;
}
/** Null when neither the document nor any indexed memo holds the page. */
export type GoToPageResult = { uri: string; position: Position } | null;
export const GoToPageRequest = new RequestType<GoToPageParams, GoToPageResult, void>('memo/goToPage');
