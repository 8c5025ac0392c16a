/**
 * Protocol fuzzing of the built server (`memo-language-server --stdio`): a seeded random sequence
 * of requests and edits — valid and invalid positions, unknown URIs, malformed params, unknown
 * methods, cancelled requests, a 2 MB line, a 5 MB volume — after which every request must have
 * been answered (a result or a JSON-RPC error), the server must still run, and its model of each
 * document must equal a parse of the text the client holds (the incremental sync kept up).
 *
 * The seed is MEMO_FUZZ_SEED when set (to replay a failure), else fixed. Requests that write files
 * (annotations add/update/delete/import/export) are left out: the fuzz must not touch the disk.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ResponseError,
  type DocumentSymbol,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildVolume } from '../../scripts/bench/volume';
import { createMemoService } from '../../server/src/service';
import { memoText } from '../util/arbitraries';
import { corpusDocuments } from '../util/corpus';
import { startServer, type TestServer } from './client';

const SEED = Number(process.env.MEMO_FUZZ_SEED ?? 20261129);
const ACTIONS = 500;
/** No answer within this time counts as no answer. */
const DEADLINE_MS = 20_000;

/** A value as it arrives over the wire (undefined fields dropped). */
function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** mulberry32: the sequence of actions follows from the seed alone. */
function generator(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POSITION_METHODS = ['textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/documentHighlight', 'memo/pageAt'];
const DOCUMENT_METHODS = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink', 'memo/annotation/list'];

describe('protocol fuzzing', () => {
  let server: TestServer;
  const rand = generator(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const int = (max: number) => Math.floor(rand() * max);
  /** What the client holds of each open document: the server must agree with it. */
  const mirror = new Map<string, TextDocument>();
  const unanswered: string[] = [];
  let answered = 0;
  let errors = 0;

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.equal(await server.stop(), 0, `server exit; stderr: ${server.stderr().slice(-2000)}`);
  });

  const open = async (uri: string, text: string) => {
    mirror.set(uri, TextDocument.create(uri, 'memo', 1, text));
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'memo', version: 1, text } });
  };

  /** Sends a request and records whether it was answered (result or JSON-RPC error) in time. */
  const ask = async (method: string, params: unknown, cancel = false): Promise<unknown> => {
    const source = new CancellationTokenSource();
    const request = server.connection.sendRequest(method, params, source.token);
    if (cancel) source.cancel();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DEADLINE_MS)));
    try {
      const outcome = await Promise.race([request, timeout]);
      if (outcome === 'timeout') unanswered.push(`${method} ${JSON.stringify(params).slice(0, 200)}: no answer`);
      else answered++;
      return outcome;
    } catch (error) {
      if (error instanceof ResponseError) {
        errors++;
        return error;
      }
      unanswered.push(`${method} ${JSON.stringify(params).slice(0, 200)}: ${String(error)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  /** A position: mostly inside the document, sometimes outside it or of the wrong shape. */
  const position = (doc: TextDocument | undefined): unknown => {
    const r = rand();
    if (doc && r < 0.7) return doc.positionAt(int(doc.getText().length + 1));
    if (r < 0.8) return { line: pick([-1, 0, 1e9, 2 ** 31]), character: pick([-5, 0, 1e9, 3]) };
    if (r < 0.9) return { line: pick([1.5, 0.2]), character: pick([0.7, 2.5]) };
    return pick([null, 'here', [1, 2], { line: 'x' }, {}, 42]);
  };

  const uri = (): string => (rand() < 0.85 ? pick([...mirror.keys()]) : pick(['file:///fuzz/unknown.memo', 'not a uri', '', 'untitled:Untitled-1']));

  /** Params for a request: well formed most of the time, malformed the rest. */
  const params = (method: string): unknown => {
    const u = uri();
    const doc = mirror.get(u);
    if (rand() < 0.1) return pick([null, {}, [], 'params', { textDocument: 5 }, { textDocument: { uri: 42 } }, { textDocument: {} }]);
    if (POSITION_METHODS.includes(method)) return { textDocument: { uri: u }, position: position(doc), context: { includeDeclaration: rand() < 0.5 } };
    if (method === 'textDocument/selectionRange') return { textDocument: { uri: u }, positions: [position(doc), position(doc)] };
    if (method === 'textDocument/codeAction' || method === 'memo/citation') {
      return { textDocument: { uri: u }, range: { start: position(doc), end: position(doc) }, context: { diagnostics: [] }, withQuotation: rand() < 0.5 };
    }
    if (method === 'memo/goToPage') return { page: pick(['508', 'xii', 'p. 12', '', '99999', 'page ∞']), textDocument: { uri: u } };
    if (method === 'workspace/symbol') return { query: pick(['', 'Page', 'Kennan', '[', '.*']) };
    return { textDocument: { uri: u } };
  };

  /** A random edit of an open document, applied to the mirror as a client would. */
  const edit = async (target: string, small: boolean) => {
    const doc = mirror.get(target)!;
    const length = doc.getText().length;
    const a = int(length + 1);
    const b = Math.min(length, a + int(small ? 3 : 60));
    let start: Position = doc.positionAt(a);
    let end: Position = doc.positionAt(b);
    // Ranges the client may send though they lie outside the text: the server clamps them.
    if (rand() < 0.05) end = { line: doc.lineCount + 3, character: 0 };
    if (rand() < 0.05) start = { line: start.line, character: start.character + 500 };
    if (rand() < 0.05) [start, end] = [end, start];
    const text = rand() < 0.3 ? '' : fc.sample(memoText(small ? 2 : 8), { numRuns: 1, seed: int(1e9) })[0];
    const version = doc.version + 1;
    TextDocument.update(doc, [{ range: { start, end }, text }], version);
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: target, version }, contentChanges: [{ range: { start, end }, text }] });
  };

  test(`a random sequence of requests and edits is answered in full (seed ${SEED})`, async () => {
    const corpus = corpusDocuments();
    await open('file:///fuzz/corpus.memo', corpus[int(corpus.length)].text);
    await open('file:///fuzz/hostile.memo', fc.sample(memoText(400), { numRuns: 1, seed: SEED })[0]);
    await open('file:///fuzz/empty.memo', '');
    // One 2 MB line, with a marker and a glued reference in the middle.
    await open('file:///fuzz/long-line.memo', `${'word '.repeat(200_000)}[Page 12] text.1 ${'more '.repeat(200_000)}\n\n  1. A note.`);
    const methods = [...POSITION_METHODS, ...DOCUMENT_METHODS, 'textDocument/selectionRange', 'textDocument/codeAction', 'memo/citation', 'memo/goToPage', 'workspace/symbol'];
    const small = ['file:///fuzz/corpus.memo', 'file:///fuzz/hostile.memo', 'file:///fuzz/empty.memo'];
    for (let i = 0; i < ACTIONS; i++) {
      const r = rand();
      if (r < 0.55) {
        const method = pick(methods);
        await ask(method, params(method));
      } else if (r < 0.65) {
        // Several at once, some cancelled as soon as sent.
        const method = pick(methods);
        await Promise.all(Array.from({ length: 4 }, () => ask(method, params(method), rand() < 0.5)));
      } else if (r < 0.9) {
        await edit(pick(small), rand() < 0.5);
      } else if (r < 0.94) {
        const answer = await ask(pick(['memo/noSuchThing', 'textDocument/noSuchThing', '$/unknown']), {});
        assert.ok(answer instanceof ResponseError, 'an unknown method is refused with an error');
      } else if (r < 0.97) {
        // Malformed notifications: the server must shrug them off.
        await server.connection.sendNotification(pick(['textDocument/didChange', 'textDocument/didOpen', 'textDocument/didClose', 'workspace/didChangeConfiguration']), pick([null, {}, { textDocument: 3 }, { textDocument: { uri: 'file:///fuzz/x.memo' } }, { settings: { memo: 42 } }]));
      } else {
        // Close a document and open it again with the text the client has.
        const target = pick(small);
        const text = mirror.get(target)!.getText();
        await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: target } });
        await open(target, text);
      }
    }
    assert.deepEqual(unanswered, []);
    assert.ok(answered > ACTIONS / 2, `${answered} answers, ${errors} errors`);
    assert.equal(server.process.exitCode, null, 'the server still runs');

    // The server's model of each document is the parse of the client's text.
    const local = createMemoService();
    for (const [u, doc] of mirror) {
      const symbols = (await ask(DocumentSymbolRequest.method, { textDocument: { uri: u } })) as DocumentSymbol[];
      assert.deepEqual(symbols, wire(local.documentSymbols(doc)), `outline of ${u} after ${doc.version - 1} edits`);
    }
  });

  test('a 5 MB volume: opened, edited, asked', async () => {
    const volume = 'file:///fuzz/volume.memo';
    await open(volume, buildVolume());
    const doc = mirror.get(volume)!;
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 0) await edit(volume, true);
      for (const method of POSITION_METHODS) await ask(method, { textDocument: { uri: volume }, position: position(doc) });
    }
    await ask('textDocument/foldingRange', { textDocument: { uri: volume } });
    const symbols = (await ask(DocumentSymbolRequest.method, { textDocument: { uri: volume } })) as DocumentSymbol[];
    assert.deepEqual(symbols, wire(createMemoService().documentSymbols(doc)));
    assert.deepEqual(unanswered, []);
    assert.equal(server.process.exitCode, null, 'the server still runs');
  });
});
