/**
 * Annotations in VS Code: comment threads on annotated passages, the Annotations view, and the
 * commands. All annotation data comes from the language server (`memo/annotation/*`).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { annotationCommands } from './commands';
import { AnnotationThreads, commentCommands } from './comments';
import { AnnotationState } from './state';
import { AnnotationTree } from './treeView';

/** Shows an error unless the server has shown it already (its errors carry `data.shown`). */
function report(e: unknown): void {
  const shown = typeof e === 'object' && e !== null && (e as { data?: { shown?: boolean } }).data?.shown === true;
  if (!shown) void vscode.window.showErrorMessage(`Annotations: ${e instanceof Error ? e.message : String(e)}`);
}

export function registerAnnotations(context: vscode.ExtensionContext, client: LanguageClient): void {
  const state = new AnnotationState(client);
  const threads = new AnnotationThreads(state);
  const tree = new AnnotationTree(state);
  const load = (doc: vscode.TextDocument) => {
    if (doc.languageId === 'memo' && doc.uri.scheme === 'file') state.refresh(doc.uri).catch(() => undefined);
  };
  // Annotation files changed by another window or by git, for documents that are not open.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.annotations.json');
  let timer: NodeJS.Timeout | undefined;
  const refreshAll = () => {
    clearTimeout(timer);
    timer = setTimeout(() => state.refreshAll().catch(() => undefined), 200);
  };
  context.subscriptions.push(
    state,
    threads,
    tree,
    watcher,
    watcher.onDidCreate(refreshAll),
    watcher.onDidChange(refreshAll),
    watcher.onDidDelete(refreshAll),
    vscode.workspace.onDidOpenTextDocument(load),
    { dispose: () => clearTimeout(timer) },
    ...commentCommands(threads, state, report),
    ...annotationCommands(client, state, threads, tree, report),
  );
  for (const doc of vscode.workspace.textDocuments) load(doc);
  state.refreshAll().catch(() => undefined);
}
