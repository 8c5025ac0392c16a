/**
 * LSP latency over real stdio: the built memo server against the do-nothing server answering the
 * same payloads, request by request, one at a time; and a one-character didChange until the
 * updated model answers (and until diagnostics arrive, when the server publishes them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  DefinitionRequest,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeParams,
  type Position,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { answerKey } from './answers';
import { median, quantile } from './stats';

export interface Probe {
  method: string;
  params: unknown;
}

export interface Latency {
  p50: number;
  p99: number;
  count: number;
}

interface Session {
  connection: ProtocolConnection;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function start(command: string[]): Promise<Session> {
  const child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
  } as InitializeParams);
  await connection.sendNotification(InitializedNotification.type, {});
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    connection,
    child,
    stop: async () => {
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      await exited;
      connection.dispose();
    },
  };
}

async function time(connection: ProtocolConnection, probe: Probe): Promise<[number, unknown]> {
  const t0 = performance.now();
  const answer = await connection.sendRequest(probe.method, probe.params);
  return [performance.now() - t0, answer];
}

/** Runs each probe list `rounds` times through its list, sequentially; latencies per list. */
async function runProbes(connection: ProtocolConnection, lists: Record<string, Probe[]>, counts: Record<string, number>, answers?: Record<string, unknown>): Promise<Record<string, Latency>> {
  const out: Record<string, Latency> = {};
  for (const [name, probes] of Object.entries(lists)) {
    const samples: number[] = [];
    // Warm-up: the first requests pay for compiling the handlers.
    for (let i = 0; i < Math.min(5, counts[name]); i++) await time(connection, probes[i % probes.length]);
    for (let i = 0; i < counts[name]; i++) {
      const probe = probes[i % probes.length];
      const [ms, answer] = await time(connection, probe);
      samples.push(ms);
      if (answers) answers[answerKey(probe.method, probe.params)] = answer;
    }
    out[name] = { p50: median(samples), p99: quantile(samples, 0.99), count: samples.length };
  }
  return out;
}

export interface LspFigures {
  memo: Record<string, Latency>;
  nullServer: Record<string, Latency>;
  /** didOpen of the document until the first documentSymbol answer. */
  openToSymbols: number;
  /** One-character didChange, then memo/pageAt at the edit: answer time, and without the edit. */
  changeToModel: Latency;
  pageAtAlone: Latency;
  /** didChange until publishDiagnostics for the new version (includes the server's debounce). */
  changeToDiagnostics: Latency | null;
  /** The documentSymbol answer's size (JSON characters). */
  symbolsPayload: number;
}

/**
 * Measures `serverCommand` (the built memo server) and `nullCommand` (the do-nothing server, given
 * `--answers=FILE`; null: not run) on the document `text` with the request lists; edits at `edits`.
 */
export async function lspBench(
  serverCommand: string[],
  nullCommand: string[] | null,
  uri: string,
  text: string,
  lists: Record<string, Probe[]>,
  counts: Record<string, number>,
  edits: Position[],
): Promise<LspFigures> {
  const answers: Record<string, unknown> = {};
  const memo = await start(serverCommand);
  const c = memo.connection;
  let diagnosticsWaiter: ((version: number) => void) | null = null;
  c.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri === uri && typeof p.version === 'number') diagnosticsWaiter?.(p.version);
  });
  const t0 = performance.now();
  await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'memo', version: 1, text } });
  const symbols = await c.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  const openToSymbols = performance.now() - t0;
  const symbolsPayload = JSON.stringify(symbols).length;

  const memoLatency = await runProbes(c, lists, counts, answers);

  // A quiet baseline: memo/pageAt with nothing else going on.
  const alone: number[] = [];
  for (let i = 0; i < 60; i++) {
    const pageAt = { method: 'memo/pageAt', params: { textDocument: { uri }, position: edits[i % edits.length] } };
    const [ms] = await time(c, pageAt);
    if (i >= 10) alone.push(ms);
  }
  // Typing: one-character edits in quick succession (insert a character, then take it out again,
  // so the text stays the volume), each followed by memo/pageAt at the edit, which answers from
  // the updated model. Other modules' debounced work (diagnostics) waits until typing pauses.
  let version = 1;
  const change: number[] = [];
  const edit = async (at: Position, insert: boolean) => {
    version++;
    const range = insert ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
    const t0 = performance.now();
    await c.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: insert ? 'x' : '' }] });
    await c.sendRequest('memo/pageAt', { textDocument: { uri }, position: at });
    return performance.now() - t0;
  };
  for (let round = 0; round < 3; round++) {
    for (const at of edits) {
      for (const insert of [true, false]) {
        const ms = await edit(at, insert);
        if (round > 0) change.push(ms);
      }
    }
  }
  // A pause after an edit: time until the diagnostics of that version arrive.
  const toDiagnostics: number[] = [];
  for (let i = 0; i < Math.min(6, edits.length) * 2; i++) {
    const target = version + 1;
    const arrived = new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(NaN), 5000);
      diagnosticsWaiter = (v) => {
        if (v === target) {
          clearTimeout(timer);
          resolve(performance.now());
        }
      };
    });
    const t0 = performance.now();
    await edit(edits[Math.floor(i / 2)], i % 2 === 0);
    const at = await arrived;
    if (!Number.isFinite(at)) break;
    toDiagnostics.push(at - t0);
  }
  await memo.stop();

  let nullLatency: Record<string, Latency> = {};
  if (nullCommand) {
    const file = join(tmpdir(), `marginalia-bench-answers-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(answers));
    const nul = await start([...nullCommand, `--answers=${file}`]);
    await nul.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'memo', version: 1, text } });
    nullLatency = await runProbes(nul.connection, lists, counts);
    await nul.stop();
  }

  return {
    memo: memoLatency,
    nullServer: nullLatency,
    openToSymbols,
    changeToModel: { p50: median(change), p99: quantile(change, 0.99), count: change.length },
    pageAtAlone: { p50: median(alone), p99: quantile(alone, 0.99), count: alone.length },
    changeToDiagnostics: toDiagnostics.length ? { p50: median(toDiagnostics), p99: quantile(toDiagnostics, 0.99), count: toDiagnostics.length } : null,
    symbolsPayload,
  };
}

export { DefinitionRequest, DocumentSymbolRequest, FoldingRangeRequest, HoverRequest };
