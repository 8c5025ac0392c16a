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
