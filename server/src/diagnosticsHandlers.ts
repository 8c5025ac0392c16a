/**
 * Feature module: publishes the transcription checks of every open memo, and offers their
 * quick fixes as code actions.
 *
 * Typing is never held up: each edit (re)starts a ~150 ms timer for its document, so a burst of
 * keystrokes is checked once, after it; an edit that arrives while the settings are being fetched
 * supersedes that run (its result is dropped, never published for a stale version). Settings
 * (`memo.diagnostics.<code>`: off / error / warning / information / hint) are pulled with
 * workspace/configuration per document when the client supports it, else taken from
 * didChangeConfiguration; a change re-checks every open document.
 */
import { CodeActionKind, type CodeAction, type Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { safely, type FeatureModule } from './server';
import { codeActions } from './service/features/codeActions';
import { checkMemo, readSettings, toLspDiagnostic, type DiagnosticSettings, type MemoDiagnostic } from './service/features/diagnostics';

/** How long a document must be left alone before it is checked. */
export const DEBOUNCE_MS = 150;

interface Checked {
  version: number;
  diagnostics: MemoDiagnostic[];
}

export const diagnosticsFeature: FeatureModule = (ctx) => {
  const { connection, documents } = ctx;
  let pullConfiguration = false;
  /** Settings pushed by didChangeConfiguration (clients without workspace/configuration). */
  let pushed: DiagnosticSettings = {};
  /** Settings per document: the pending or finished workspace/configuration answer. */
  const fetched = new Map<string, Promise<DiagnosticSettings>>();
  /** The last settings resolved per document, for code actions (which must answer at once). */
  const resolved = new Map<string, DiagnosticSettings>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped on every edit: a run that finds its number changed has been superseded. */
  const runs = new Map<string, number>();
  const checked = new Map<string, Checked>();
  const reported = new Set<string>();

  ctx.capabilities.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false };
  ctx.onInitialized.push((params) => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const options = params.initializationOptions as { diagnostics?: unknown } | undefined;
    if (options && typeof options === 'object' && 'diagnostics' in options) pushed = read(connection, options.diagnostics, reported);
  });
  ctx.onConfigurationChanged.push((params) => {
    fetched.clear();
    if (!pullConfiguration) {
      const settings = params?.settings as { memo?: { diagnostics?: unknown } } | undefined;
      pushed = read(connection, settings?.memo?.diagnostics, reported);
    }
    for (const doc of documents.all()) schedule(doc);
  });

  const settingsFor = (uri: string): Promise<DiagnosticSettings> => {
    if (!pullConfiguration) return Promise.resolve(pushed);
    let pending = fetched.get(uri);
    if (!pending) {
      pending = connection.workspace.getConfiguration({ scopeUri: uri, section: 'memo.diagnostics' }).then(
        (raw: unknown) => read(connection, raw, reported),
        (error: unknown) => {
          connection.console.warn(`could not read memo.diagnostics settings (${String(error)}); using the defaults`);
          return {};
        },
      );
      fetched.set(uri, pending);
    }
    return pending;
  };

  const publish = async (uri: string, run: number) => {
    const before = documents.get(uri);
    if (!before) return;
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    // Superseded by an edit (or closed) while the settings were on their way.
    if (!doc || runs.get(uri) !== run || doc.version !== before.version) return;
    resolved.set(uri, settings);
    const model = ctx.service.model(doc);
    const diagnostics = checkMemo(model, settings);
    checked.set(uri, { version: doc.version, diagnostics });
    await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnostics.map((d) => toLspDiagnostic(model, uri, d)) });
  };

  const schedule = (doc: TextDocument) => {
    const uri = doc.uri;
    const run = (runs.get(uri) ?? 0) + 1;
    runs.set(uri, run);
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        publish(uri, run).catch((error: unknown) =>
          connection.console.error(`diagnostics for ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
        );
      }, DEBOUNCE_MS),
    );
  };

  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    clearTimeout(timers.get(uri));
    for (const map of [timers, runs, checked, fetched, resolved] as Array<Map<string, unknown>>) map.delete(uri);
    // A closed document's diagnostics go with it.
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onCodeAction(safely(connection, 'codeAction', [] as CodeAction[], (p) => {
    const doc = documents.get(p?.textDocument?.uri);
    if (!doc || !p.range) return [];
    const only = p.context?.only;
    if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    const model = ctx.service.model(doc);
    let entry = checked.get(doc.uri);
    if (!entry || entry.version !== doc.version) {
      // Asked before the debounced check ran: check now, with the settings known so far.
      entry = { version: doc.version, diagnostics: checkMemo(model, resolved.get(doc.uri) ?? pushed) };
    }
    const span = { start: model.lines.offsetAt(p.range.start), end: model.lines.offsetAt(p.range.end) };
    return codeActions(model, doc.uri, entry.diagnostics, span);
  }));
};

/** Reads settings, reporting each problem (bad level, unknown code) once in the server log. */
function read(connection: Connection, raw: unknown, reported: Set<string>): DiagnosticSettings {
  const { settings, problems } = readSettings(raw);
  for (const problem of problems) {
    if (reported.has(problem)) continue;
    reported.add(problem);
    connection.console.warn(`settings: ${problem}`);
  }
  return settings;
}
