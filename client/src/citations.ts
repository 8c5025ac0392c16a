/**
 * Citations and pages in VS Code: “Copy Citation” (and “with Quotation”) for the selection or the
 * cursor, asked of the server's `memo/citation` and put on the clipboard; “Go to Page…”, which
 * asks the server's `memo/goToPage` for the page in this memo or anywhere in the folder.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CitationRequest, GoToPageRequest, type GoToPageResult } from '../../common/protocol';

/** A printed page as typed: `508`, `xii`, `p. 508`. */
const PAGE_INPUT = /^\s*(?:(?:pp?\.|pages?)\s*)?(\d{1,5}|[ivxlcdm]{1,12})\s*$/i;

/** How long the “copied” confirmation stays in the status bar. */
const CONFIRM_MS = 5000;

function memoEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === 'memo' ? editor : undefined;
}

async function copyCitation(client: LanguageClient, withQuotation: boolean): Promise<string | undefined> {
  const editor = memoEditor();
  if (!editor) {
    void vscode.window.showInformationMessage('Open a memo and put the cursor (or a selection) on the passage to cite.');
    return undefined;
  }
  const result = await client.sendRequest(CitationRequest, {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
    range: client.code2ProtocolConverter.asRange(editor.selection),
    withQuotation,
  });
  const text = withQuotation ? result.quotation ?? result.text : result.text;
  if (!text) {
    void vscode.window.showWarningMessage('No citation for this place: the memo has no title, pages or date the server could read.');
    return undefined;
  }
  await vscode.env.clipboard.writeText(text);
  const pages = result.pages ? ` (${result.pages})` : ' (no page: the memo has no [Page N] markers)';
  vscode.window.setStatusBarMessage(`$(check) Citation copied${pages}`, CONFIRM_MS);
  return text;
}

/** The page a command argument names: `'508'`, `508`, `{ page: '508' }`. */
function pageArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string' || typeof arg === 'number') return String(arg);
  if (arg && typeof arg === 'object' && 'page' in arg) {
    const page = (arg as { page: unknown }).page;
    if (typeof page === 'string' || typeof page === 'number') return String(page);
  }
  return undefined;
}

async function goToPage(client: LanguageClient, arg: unknown): Promise<GoToPageResult | undefined> {
  let page = pageArgument(arg);
  if (page === undefined) {
    page = await vscode.window.showInputBox({
      title: 'Go to Printed Page',
      prompt: 'The page as printed: in this memo first, then in the folder’s memos',
      placeHolder: '508 or xii',
      validateInput: (value) => (PAGE_INPUT.test(value) ? undefined : 'A page number such as 508 or xii'),
    });
    if (page === undefined) return undefined; // dismissed
  }
  const typed = PAGE_INPUT.exec(page);
  if (!typed) {
    void vscode.window.showErrorMessage(`“${page}” is not a page number (try 508 or xii).`);
    return undefined;
  }
  const editor = memoEditor();
  const result = await client.sendRequest(GoToPageRequest, {
    page: typed[1],
    ...(editor ? { textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) } } : {}),
  });
  if (!result) {
    void vscode.window.showInformationMessage(`Page ${typed[1]} is not in this memo nor in any memo of the open folder.`);
    return null;
  }
  const uri = client.protocol2CodeConverter.asUri(result.uri);
  const position = new vscode.Position(result.position.line, result.position.character);
  const target = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), {
    selection: new vscode.Range(position, position),
    preview: false,
  });
  target.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return result;
}

/** Registers the citation and page commands. */
export function registerCitations(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('memo.copyCitation', () => copyCitation(client, false)),
    vscode.commands.registerCommand('memo.copyCitationWithQuotation', () => copyCitation(client, true)),
    vscode.commands.registerCommand('memo.goToPage', (arg?: unknown) => goToPage(client, arg)),
  );
}
