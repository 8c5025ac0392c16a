/** The status-bar item that shows the printed page at the cursor (`p. 508`), asked of the server. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PageAtRequest } from '../../common/protocol';

export interface PageStatus {
  text(): string | undefined;
}

/** Cursor moves come in bursts while typing or holding an arrow key; ask once they settle. */
const SETTLE_MS = 40;

export function registerPageStatus(context: vscode.ExtensionContext, client: LanguageClient): PageStatus {
  const item = vscode.window.createStatusBarItem('memo.page', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Printed page';
  item.tooltip = 'Printed page at the cursor. Click to copy a citation of the selection';
  // A click cites the selection (or the cursor) with this page: see citations.ts.
  item.command = 'memo.copyCitation';
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  let shown: string | undefined;

  const hide = () => {
    shown = undefined;
    item.hide();
  };
  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'memo') {
      hide();
      return;
    }
    const mine = ++generation;
    try {
      const result = await client.sendRequest(PageAtRequest, {
        textDocument: { uri: editor.document.uri.toString() },
        position: client.code2ProtocolConverter.asPosition(editor.selection.active),
      });
      if (mine !== generation) return; // a newer move answered already
      if (result.page) {
        shown = item.text = `p. ${result.page}`;
        item.show();
      } else hide();
    } catch {
      hide();
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), SETTLE_MS);
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeTextEditorSelection(schedule),
    vscode.window.onDidChangeActiveTextEditor(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) schedule();
    }),
    vscode.workspace.onDidOpenTextDocument(schedule),
    { dispose: () => timer && clearTimeout(timer) },
  );
  schedule();
  return { text: () => shown };
}
