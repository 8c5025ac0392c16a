/**
 * The do-nothing language server of the bench: the same transport and library as the memo server
 * (vscode-languageserver over stdio, bundled the same way), but it computes nothing. It answers
 * each request with a canned result — the memo server's own answer to the same request, read from
 * the JSON file named by `--answers=FILE` — so the two differ only by the memo server's work.
 *
 * Answers are keyed `method position` (or `method` for whole-document requests).
 */
import { readFileSync } from 'node:fs';
import { ProposedFeatures, TextDocumentSyncKind, createConnection } from 'vscode-languageserver/node';
import { answerKey } from './answers';

const arg = process.argv.find((a) => a.startsWith('--answers='));
const answers: Record<string, unknown> = arg ? JSON.parse(readFileSync(arg.slice('--answers='.length), 'utf8')) : {};

if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    documentSymbolProvider: true,
    definitionProvider: true,
    hoverProvider: true,
    foldingRangeProvider: true,
  },
  serverInfo: { name: 'null-server', version: '0' },
}));
// Notifications (didOpen, didChange) are read and dropped: nothing is kept.
connection.onNotification(() => undefined);
connection.onRequest((method, params) => answers[answerKey(method, params)] ?? null);
connection.listen();
