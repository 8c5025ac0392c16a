/**
 * Diagnostics and quick fixes over the protocol, against the built server: publishDiagnostics
 * after didOpen and after edits (the published version always the document's latest), settings
 * pulled with workspace/configuration or pushed with didChangeConfiguration, code actions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  type CodeAction,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SEED_TEXT } from '../util/seed';
import { startServer, type TestServer } from './client';

/** Where the seed's doubled “be” is: line 22 (0-based), the second “be” at 877. */
const SECOND_BE = { start: { line: 22, character: 877 }, end: { line: 22, character: 879 } };

/** Collects every publishDiagnostics and waits (polling, with a deadline) for a wanted one. */
class Published {
  readonly all: PublishDiagnosticsParams[] = [];
  constructor(server: TestServer) {
    server.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.all.push(p);
    });
  }
  async wait(what: string, match: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.all.find(match);
      if (found) return found;
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; got ${JSON.stringify(this.all.map((p) => ({ uri: p.uri, version: p.version, n: p.diagnostics.length })))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  for(uri: string): PublishDiagnosticsParams[] {
    return this.all.filter((p) => p.uri === uri);
  }
}

describe('diagnostics over the protocol (client pulls settings)', () => {
  let server: TestServer;
  let published: Published;
  /** What the test client answers to workspace/configuration for memo.diagnostics. */
  let settings: Record<string, string> = {};
  const asked: string[] = [];

  before(async () => {
    server = await startServer({ capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } } });
    published = new Published(server);
    server.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        asked.push(`${item.section}@${item.scopeUri}`);
        return item.section === 'memo.diagnostics' ? settings : null;
      }),
    );
  });
  after(async () => {
    assert.equal(await server.stop(), 0, `server exit; stderr: ${server.stderr()}`);
  });

  const uri = 'file:///lsp/kennan-1951.memo';
  const change = (version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string) =>
    server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });

  test('after didOpen: the doubled word, with its code, severity, range and the first word as related', async () => {
    await server.open(uri, SEED_TEXT, 1);
    const p = await published.wait('diagnostics of version 1', (d) => d.uri === uri && d.version === 1);
    assert.deepEqual(p.diagnostics, [
      {
        range: SECOND_BE,
        severity: DiagnosticSeverity.Warning,
        code: 'repeated-word',
        source: 'memo',
        message: '“be” is repeated.',
        relatedInformation: [{ location: { uri, range: { start: { line: 22, character: 874 }, end: { line: 22, character: 876 } } }, message: 'the first “be”' }],
      },
    ]);
    assert.ok(asked.includes(`memo.diagnostics@${uri}`), `settings pulled for the document: ${asked.join(', ')}`);
  });

  test('after an edit that removes the duplicate: published again, empty, for the new version', async () => {
    await change(2, { start: { line: 22, character: 876 }, end: { line: 22, character: 879 } }, '');
    const p = await published.wait('diagnostics of version 2', (d) => d.uri === uri && d.version === 2);
    assert.deepEqual(p.diagnostics, []);
  });

  test('a burst of edits: the last version is published, never an older one after it', async () => {
    // Re-insert the duplicate in three keystrokes, as typing does.
    await change(3, { start: { line: 22, character: 876 }, end: { line: 22, character: 876 } }, ' ');
    await change(4, { start: { line: 22, character: 877 }, end: { line: 22, character: 877 } }, 'b');
    await change(5, { start: { line: 22, character: 878 }, end: { line: 22, character: 878 } }, 'e');
    const last = await published.wait('diagnostics of version 5', (d) => d.uri === uri && d.version === 5);
    assert.deepEqual(last.diagnostics.map((d) => [d.code, d.range]), [['repeated-word', SECOND_BE]]);
    const versions = published.for(uri).map((p) => p.version);
    assert.equal(versions.indexOf(5), versions.length - 1, `nothing after version 5: ${versions.join(', ')}`);
    for (let i = 1; i < versions.length; i++) assert.ok((versions[i] ?? 0) > (versions[i - 1] ?? 0), `versions rise: ${versions.join(', ')}`);
  });

  test('code actions for the diagnostic: [sic] and removal, as exact edits', async () => {
    const diagnostics = published.for(uri).at(-1)!.diagnostics;
    const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: SECOND_BE,
      context: { diagnostics },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Mark “be be” as [sic]', 'Remove the repeated “be”']);
    assert.deepEqual(actions[0].edit?.changes?.[uri], [{ range: { start: SECOND_BE.end, end: SECOND_BE.end }, newText: ' [sic]' }]);
    assert.deepEqual(actions[1].edit?.changes?.[uri], [{ range: { start: SECOND_BE.start, end: { line: 22, character: 880 } }, newText: '' }]);
    assert.equal(actions[0].kind, 'quickfix');
    assert.deepEqual(actions[0].diagnostics?.map((d) => d.code), ['repeated-word']);
    const elsewhere = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(elsewhere, []);
    const refactorOnly = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: SECOND_BE,
      context: { diagnostics, only: ['refactor'] },
    });
    assert.deepEqual(refactorOnly, []);
  });

  test('settings: switched off, then re-levelled, after didChangeConfiguration', async () => {
    const count = published.for(uri).length;
    settings = { 'repeated-word': 'off' };
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const off = await published.wait('diagnostics after switching repeated-word off', (d) => d.uri === uri && published.for(uri).indexOf(d) >= count);
    assert.deepEqual(off.diagnostics, []);
    const count2 = published.for(uri).length;
    settings = { 'repeated-word': 'error' };
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const error = await published.wait('diagnostics after re-levelling to error', (d) => d.uri === uri && published.for(uri).indexOf(d) >= count2);
    assert.deepEqual(error.diagnostics.map((d) => d.severity), [DiagnosticSeverity.Error]);
  });

  test('closing the document clears its diagnostics', async () => {
    const count = published.for(uri).length;
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const cleared = await published.wait('diagnostics cleared on close', (d) => d.uri === uri && published.for(uri).indexOf(d) >= count);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('diagnostics over the protocol (settings pushed)', () => {
  let server: TestServer;
  let published: Published;
  const log: string[] = [];
  before(async () => {
    server = await startServer();
    published = new Published(server);
    server.connection.onNotification(LogMessageNotification.type, (p) => {
      log.push(p.message);
    });
  });
  after(async () => {
    assert.equal(await server.stop(), 0, `server exit; stderr: ${server.stderr()}`);
  });

  test('a client without workspace/configuration: defaults, then the pushed memo.diagnostics settings', async () => {
    const uri = 'file:///push/kennan-1951.memo';
    await server.open(uri, SEED_TEXT, 1);
    const first = await published.wait('diagnostics with the default settings', (d) => d.uri === uri);
    assert.deepEqual(first.diagnostics.map((d) => d.severity), [DiagnosticSeverity.Warning]);
    await server.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { memo: { diagnostics: { 'repeated-word': 'hint', 'page-gap': 'loud' } } },
    });
    const hinted = await published.wait('diagnostics re-levelled to hint', (d) => d.uri === uri && d.diagnostics[0]?.severity === DiagnosticSeverity.Hint);
    assert.equal(hinted.diagnostics.length, 1);
    // The bad value is reported in the server's log, and ignored.
    assert.ok(log.some((m) => m.includes('memo.diagnostics.page-gap: "loud" is not one of')), log.join('\n'));
    assert.equal(server.process.exitCode, null);
  });
});
