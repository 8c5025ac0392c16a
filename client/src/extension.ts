/**
 * The thin VS Code client: starts the memo language server, switches memo-like plain text to the
 * memo language, and shows the printed page at the cursor in the status bar.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { detectMemo } from '../../common/detectMemo';
import { registerAnnotations } from './annotations';
import { registerCitations } from './citations';
import { registerPageStatus, type PageStatus } from './pageStatus';

/** What `activate` returns: used by the end-to-end tests. */
export interface MarginaliaApi {
  client: LanguageClient;
  /** Settles once the server has answered `initialize`. */
  ready: Promise<void>;
  pageStatusText(): string | undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MarginaliaApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'memo' }],
    synchronize: { configurationSection: 'memo' },
  };
  client = new LanguageClient('memo', 'Memo Language Server', serverOptions, clientOptions);
  // Activation does not wait for the server process: the UI is wired at once, and requests sent
  // before the server is up wait for it (LanguageClient.sendRequest awaits the start).
  const ready = client.start().catch((error: unknown) => {
    void vscode.window.showErrorMessage(`The memo language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  });

  context.subscriptions.push(
    vscode.commands.registerCommand('memo.switchToMemo', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Open a file first, then run “Treat This File as a Memo”.');
        return;
      }
      await vscode.languages.setTextDocumentLanguage(editor.document, 'memo');
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => void switchIfMemo(doc)),
  );
  for (const doc of vscode.workspace.textDocuments) void switchIfMemo(doc);

  const pageStatus: PageStatus = registerPageStatus(context, client);
  registerCitations(context, client);
  registerAnnotations(context, client);
  return { client, ready, pageStatusText: () => pageStatus.text() };
}

async function switchIfMemo(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'plaintext') return;
  if (!vscode.workspace.getConfiguration('memo', doc.uri).get<boolean>('detectPlainText', true)) return;
  if (detectMemo(doc.getText()).memo) await vscode.languages.setTextDocumentLanguage(doc, 'memo');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
