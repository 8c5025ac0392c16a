// Helpers for tests that run inside the extension host. Everything asynchronous is awaited by
// polling for the expected state with a deadline, never by sleeping for a fixed time: the
// language server starts, parses and answers at its own pace.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'marginalia.marginalia';

/** What the client's activate() returns for tests (client/src/extension.ts). */
export interface MarginaliaApi {
  client: {
    sendRequest<R>(method: string, params: unknown): Promise<R>;
    code2ProtocolConverter: { asUri(uri: vscode.Uri): string };
  };
  /** Settles once the server has answered `initialize` (activation does not wait for it). */
  ready: Promise<void>;
  pageStatusText(): string | undefined;
}

/** Positions in the seed memo, from test/fixtures/corpus/seed/kennan-1951.json. */
export const SEED = {
  title: 'George F. Kennan to the Deputy Under Secretary of State (Matthews)',
  page508Marker: new vscode.Position(8, 1313),
  footnoteRef: new vscode.Position(2, 66),
  footnoteLine: 47,
  pointLines: [32, 34, 36, 38, 40],
};

const DEFAULT_TIMEOUT = 20_000;

/**
 * Calls `probe` until it returns a truthy value and returns that value; after `timeoutMs`
 * fails naming `what` and the last value (or error) seen, so a failure says what was wrong.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = DEFAULT_TIMEOUT,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (e) {
      last = e instanceof Error ? `error: ${e.message}` : e;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${show(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return `(${value === '' ? 'empty' : String(value)})`;
  try {
    const s = typeof value === 'string' ? value : JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 600 ? `${s.slice(0, 600)}…` : s;
  } catch {
    return String(value);
  }
}

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixtures folder open as the workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function activateExtension(): Promise<MarginaliaApi> {
  const ext = vscode.extensions.getExtension<MarginaliaApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(api && api.client && typeof api.pageStatusText === 'function',
    `activate() must return { client, ready, pageStatusText() }, got ${show(Object.keys(api ?? {}))}`);
  await api.ready;
  return api;
}

/** The open document for `uri` as it is now: switching the language replaces the document object. */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** Opens a fixture in an editor and waits until it is in the memo language. */
export async function openMemo(name: string): Promise<vscode.TextEditor> {
  const uri = fixtureUri(name);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await waitFor(`${name} to get language "memo"`, () => openDocument(uri)?.languageId === 'memo' || undefined);
  // The language switch (for .txt) may have swapped the editor: find the one showing it now.
  return waitFor(`an editor showing ${name} as memo`, () => vscode.window.visibleTextEditors.find(
    (e) => e.document.uri.toString() === uri.toString() && e.document.languageId === 'memo'));
}

/** The document symbols of `uri`, once the server has answered with some. */
export async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return waitFor(`document symbols for ${uri.path}`, async () => {
    const s = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
      'vscode.executeDocumentSymbolProvider', uri);
    if (!s || s.length === 0) return undefined;
    assert.ok('children' in s[0], 'the outline must be hierarchical (DocumentSymbol, not SymbolInformation)');
    return s as vscode.DocumentSymbol[];
  });
}

export function flatten(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children)]);
}

export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents).map((c) => {
    if (typeof c === 'string') return c;
    return c.value; // MarkdownString or { language, value }
  }).join('\n');
}

export async function hoverAt(uri: vscode.Uri, pos: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? [];
}

export function fmt(p: vscode.Position): string {
  return `${p.line}:${p.character}`;
}

export function fmtRange(r: vscode.Range): string {
  return `${fmt(r.start)}-${fmt(r.end)}`;
}

/** Runs each contributed command; dismisses a quick pick or input box a command may open. */
export async function runCommand(id: string, ...args: unknown[]): Promise<void> {
  let settled = false;
  let error: unknown;
  vscode.commands.executeCommand(id, ...args).then(
    () => { settled = true; },
    (e: unknown) => { settled = true; error = e; },
  );
  const started = Date.now();
  await waitFor(`command ${id} to finish`, async () => {
    // A command that asks the user something would wait forever; after a moment, close the
    // prompt as a user pressing Escape would. Commands that return at once never get here.
    if (!settled && Date.now() - started > 2000) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    return settled;
  }, 15_000, 200);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
