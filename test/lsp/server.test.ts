/**
 * Protocol tests against the built `memo-language-server --stdio`: every corpus document's outline,
 * definitions, hovers and pages exactly as the ground truth says; edits; bad requests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ReferencesRequest,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { PageAtRequest } from '../../common/protocol';
import { corpusDocuments } from '../util/corpus';
import { SEED_TEXT } from '../util/seed';
import { startServer, type TestServer } from './client';

const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

describe('memo-language-server over stdio', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    assert.equal(await server.stop(), 0, `server exit; stderr: ${server.stderr()}`);
  });

  test('every corpus document: outline, definition, hover and page exactly as the ground truth', async () => {
    for (const d of corpusDocuments()) {
      const uri = `file:///corpus/${d.name}.txt`;
      await server.open(uri, d.text);
      const textDocument = { uri };
      const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })) as DocumentSymbol[];
      assert.equal(symbols.length, 1, d.name);
      assert.equal(symbols[0].name, d.truth.title, d.name);
      const children = symbols[0].children ?? [];
      const pages = children.filter((c) => c.name.startsWith('Page '));
      assert.deepEqual(
        pages.map((p) => ({ page: p.name.slice(5), line: p.selectionRange.start.line, character: p.selectionRange.start.character })),
        d.truth.pageMarkers.map((p) => ({ page: String(p.page), line: p.line, character: p.character })),
        `${d.name} pages`,
      );
      const notes = children.filter((c) => c.name.startsWith('Footnote '));
      assert.deepEqual(notes.map((n) => n.selectionRange.start.line), d.truth.footnotes.map((n) => n.line), `${d.name} notes`);
      assert.deepEqual(notes.map((n) => n.name.split(':')[0]), d.truth.footnotes.map((n) => `Footnote ${n.label}`));
      const points = children.filter((c) => !c.name.startsWith('Page ') && !c.name.startsWith('Footnote '));
      assert.deepEqual(points.map((p) => [p.name.split(' ')[0], p.selectionRange.start.line]), d.truth.numberedPoints.map((p) => [p.label, p.line]), `${d.name} points`);

      for (const ref of d.truth.footnoteRefs) {
        const position = { line: ref.line, character: ref.character };
        const defs = (await server.connection.sendRequest(DefinitionRequest.type, { textDocument, position })) as Location[];
        assert.deepEqual(defs.map((l) => l.range.start.line), [d.truth.footnotes[ref.target].line], `${d.name} definition`);
        const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument, position });
        assert.ok(hoverText(hover).includes(d.truth.footnotes[ref.target].text), `${d.name} hover`);
      }
      for (const marker of d.truth.pageMarkers) {
        const position = { line: marker.line, character: marker.character + 2 };
        const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument, position });
        assert.match(hoverText(hover), new RegExp(`Page ${marker.page}\\*\\* begins here`), d.name);
        const page = await server.connection.sendRequest(PageAtRequest, { textDocument, position });
        assert.equal(page.page, String(marker.page), d.name);
      }
      const first = await server.connection.sendRequest(PageAtRequest, { textDocument, position: { line: 0, character: 0 } });
      assert.equal(first.page, d.truth.pageMarkers.length ? String(d.truth.startPage) : null, d.name);
      await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument });
    }
  });

  test('incremental edits keep the model in step', async () => {
    const uri = 'file:///edit/seed.memo';
    await server.open(uri, SEED_TEXT, 1);
    const textDocument = { uri, version: 2 };
    // Insert a line before the page-508 paragraph: the marker moves down a line.
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument,
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'Inserted paragraph.\n\n' }],
    });
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols[0].children![0].selectionRange.start, { line: 10, character: 1313 });
    // Delete the reference digit of the title: the note loses its reference.
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 2, character: 66 }, end: { line: 2, character: 67 } }, text: '' }],
    });
    const defs = await server.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 2, character: 66 } });
    assert.deepEqual(defs, []);
    const refs = await server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri },
      position: { line: 49, character: 2 },
      context: { includeDeclaration: false },
    });
    assert.deepEqual(refs, []);
    const folds = await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.equal(folds?.length, 5);
  });

  test('unknown documents and out-of-range positions get empty answers; the server lives on', async () => {
    const textDocument = { uri: 'file:///nowhere.memo' };
    assert.deepEqual(await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
    assert.deepEqual(await server.connection.sendRequest(DefinitionRequest.type, { textDocument, position: { line: 0, character: 0 } }), []);
    assert.equal(await server.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await server.connection.sendRequest(PageAtRequest, { textDocument, position: { line: 0, character: 0 } }), { page: null });
    const uri = 'file:///range/seed.memo';
    await server.open(uri, SEED_TEXT);
    for (const position of [{ line: 10_000, character: 0 }, { line: 2, character: 100_000 }, { line: -1, character: -5 }]) {
      assert.equal(await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), null);
      assert.deepEqual(await server.connection.sendRequest(PageAtRequest, { textDocument: { uri }, position }), { page: null });
    }
    // Malformed params: an error or an empty answer, never a dead server.
    await server.connection.sendRequest('textDocument/hover', { bogus: true }).catch(() => undefined);
    await server.connection.sendRequest('memo/pageAt', null).catch(() => undefined);
    assert.equal(server.process.exitCode, null);
  });

  test('random bytes and a 5 MB document do not crash the server', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const noise = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(random() * 0xd7ff))).join('');
    await server.open('file:///noise.memo', noise);
    await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'file:///noise.memo' } });
    let big = '';
    let page = 1;
    while (big.length < 5_000_000) big += SEED_TEXT.replace(/\[Page (\d+)\]/g, () => `[Page ${page++}]`) + '\n\n';
    await server.open('file:///big.memo', big);
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'file:///big.memo' } })) as DocumentSymbol[];
    assert.ok(symbols.length > 100);
    const page500 = await server.connection.sendRequest(PageAtRequest, { textDocument: { uri: 'file:///big.memo' }, position: { line: 10_000, character: 0 } });
    assert.match(String(page500.page), /^\d+$/);
    assert.equal(server.process.exitCode, null);
  });
});

describe('memo.outline.nestByPage over stdio', () => {
  test('initializationOptions turn it on; didChangeConfiguration turns it off', async () => {
    const server = await startServer({ initializationOptions: { outline: { nestByPage: true } } });
    try {
      const uri = 'file:///outline/seed.memo';
      await server.open(uri, SEED_TEXT);
      const ask = async () => ((await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[])[0];
      const nested = await ask();
      assert.deepEqual(nested.children!.map((c) => c.name), ['Page 508', 'Page 509', 'Page 510', 'Page 511']);
      assert.equal(nested.children![1].children!.length, 3);
      await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { memo: { outline: { nestByPage: false } } } });
      // Notifications are handled in order: the next request sees the new setting.
      const flat = await ask();
      assert.equal(flat.children!.length, 10);
      assert.ok(flat.children!.every((c) => !c.children || c.children.length === 0));
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
