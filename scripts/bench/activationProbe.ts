/**
 * Extension activation outside VS Code (`node activationProbe.js ROOT`): loads the bundled client
 * (dist/client.js) against a stand-in `vscode` module and calls `activate`, which starts the
 * bundled server over IPC, as in VS Code. Prints JSON: { require, activate, ready } in
 * milliseconds (activate: until its promise resolves; ready: until the server answered
 * initialize), or { error }.
 *
 * The stand-in answers every API call with an inert object (a callable proxy), so what is timed
 * is the extension's own work: loading its bundle, creating the client, starting the server.
 * VS Code's own cost of an API call is not in it.
 */
import Module from 'node:module';
import { join } from 'node:path';

/** An object that is anything: every property, call and `new` gives another such object. */
function inert(name: string): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a promise
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => name;
      if (key === 'toString' || key === 'toJSON') return () => name;
      if (key === 'version') return '1.99.0';
      if (key === 'length') return 0;
      if (!cache.has(key)) cache.set(key, inert(`${name}.${String(key)}`));
      return cache.get(key);
    },
    set(_t, key, value) {
      cache.set(key, value);
      return true;
    },
    defineProperty(_t, key, descriptor) {
      cache.set(key, descriptor.value ?? descriptor.get?.());
      return true;
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`) as object,
  });
}

/** The names of the `vscode` API the stand-in offers (bundlers copy a module's own keys). */
const API = [
  'commands', 'window', 'workspace', 'languages', 'env', 'extensions', 'debug', 'tasks', 'scm', 'comments',
  'authentication', 'notebooks', 'tests', 'l10n', 'Uri', 'Disposable', 'EventEmitter', 'Range', 'Position',
  'Selection', 'Location', 'LocationLink', 'MarkdownString', 'Hover', 'CancellationTokenSource', 'CancellationError',
  'ThemeColor', 'ThemeIcon', 'StatusBarAlignment', 'StatusBarItem', 'TreeItem', 'TreeItemCollapsibleState',
  'DiagnosticSeverity', 'Diagnostic', 'DiagnosticTag', 'DiagnosticRelatedInformation', 'CodeAction', 'CodeActionKind',
  'CompletionItem', 'CompletionItemKind', 'CompletionList', 'SymbolKind', 'SymbolTag', 'DocumentSymbol',
  'SymbolInformation', 'WorkspaceSymbol', 'FoldingRange', 'FoldingRangeKind', 'SelectionRange', 'TextEdit',
  'SnippetTextEdit', 'WorkspaceEdit', 'SnippetString', 'DocumentLink', 'Color', 'ColorInformation', 'ColorPresentation',
  'CodeLens', 'SemanticTokens', 'SemanticTokensLegend', 'SemanticTokensBuilder', 'SemanticTokensEdit',
  'SemanticTokensEdits', 'CallHierarchyItem', 'CallHierarchyIncomingCall', 'CallHierarchyOutgoingCall',
  'TypeHierarchyItem', 'InlayHint', 'InlayHintLabelPart', 'InlayHintKind', 'InlineValueText',
  'InlineValueVariableLookup', 'InlineValueEvaluatableExpression', 'InlineCompletionItem', 'InlineCompletionList',
  'LinkedEditingRanges', 'DocumentHighlight', 'DocumentHighlightKind', 'SignatureHelp', 'SignatureInformation',
  'ParameterInformation', 'TextDocumentSaveReason', 'ViewColumn', 'ProgressLocation', 'ConfigurationTarget',
  'EndOfLine', 'OverviewRulerLane', 'DecorationRangeBehavior', 'TextEditorRevealType', 'FileType', 'FileSystemError',
  'RelativePattern', 'TabInputText', 'NotebookCellKind', 'NotebookRange', 'NotebookCellData', 'NotebookData',
  'NotebookEdit', 'ExtensionMode', 'UIKind', 'LogLevel', 'CompletionTriggerKind', 'SignatureHelpTriggerKind',
  'CodeActionTriggerKind', 'Declaration', 'EvaluatableExpression', 'QuickPickItemKind', 'TreeItemCheckboxState',
  'DataTransfer', 'DataTransferItem', 'TextDocumentChangeReason', 'CommentMode', 'CommentThreadCollapsibleState',
  'FileDecoration', 'DocumentDropEdit', 'DocumentPasteEdit', 'TextEditorCursorStyle', 'TextEditorLineNumbersStyle',
];

function stubVscode(): void {
  const vscode: Record<string, unknown> = { version: '1.99.0' };
  for (const name of API) vscode[name] = inert(name);
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
}

async function main(): Promise<void> {
  const root = process.argv[2];
  stubVscode();
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = require(join(root, 'dist', 'client.js')) as { activate(context: unknown): Promise<{ ready?: Promise<void> }>; deactivate(): Promise<void> };
  const t1 = performance.now();
  const context = {
    subscriptions: [] as unknown[],
    asAbsolutePath: (p: string) => join(root, p),
    extensionPath: root,
    extensionUri: inert('extensionUri'),
    globalState: inert('globalState'),
    workspaceState: inert('workspaceState'),
    storageUri: undefined,
    globalStorageUri: inert('globalStorageUri'),
    logUri: inert('logUri'),
    extensionMode: 1,
    environmentVariableCollection: inert('env'),
    secrets: inert('secrets'),
  };
  const api = await client.activate(context);
  const t2 = performance.now();
  // Activation returns before the server is up; `ready` settles at its initialize answer.
  await api?.ready;
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ require: t1 - t0, activate: t2 - t1, ready: t3 - t1 }));
  await Promise.race([client.deactivate(), new Promise((r) => setTimeout(r, 2000))]);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stdout.write(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  process.exit(0);
});
