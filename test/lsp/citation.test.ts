/**
 * The research folder over the protocol: the built server, started on a temporary folder of
 * corpus memos with a `.memo-source.json`, indexes it in the background (polled, never waited for
 * with a sleep) and answers workspace/symbol, documentLink across files, hover with the online
 * page, memo/citation and memo/goToPage; it follows files created and deleted on disk.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  DidChangeWatchedFilesNotification,
  DocumentLinkRequest,
  FileChangeType,
  HoverRequest,
  SymbolKind,
  WorkspaceSymbolRequest,
  type DocumentLink,
  type Hover,
  type MarkupContent,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { CitationRequest, GoToPageRequest } from '../../common/protocol';
import { corpusDocuments } from '../util/corpus';
import { startServer, type TestServer } from './client';

const corpus = corpusDocuments();
const doc = (n: number) => corpus.find((d) => d.name === `frus/frus1951v07p2_d${n}`)!;
const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

/** Calls `probe` until it returns something truthy; fails after `ms` naming what it waited for. */
async function poll<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    last = await probe();
    if (last) return last as T;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('research folder over the protocol', () => {
  let server: TestServer;
  let folder: string;
  const file = (name: string) => join(folder, name);
  const uri = (name: string) => pathToFileURL(file(name)).href;
  const symbols = (query: string) => server.connection.sendRequest(WorkspaceSymbolRequest.type, { query }) as Promise<SymbolInformation[]>;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'marginalia-folder-'));
    writeFileSync(file('.memo-source.json'), JSON.stringify({
      series: 'FRUS', year: '1951', volume: 'VII', part: '2', title: 'Korea and China', id: 'frus1951v07p2',
      urlPattern: 'https://history.state.gov/historicaldocuments/{volume}/d{doc}',
      pageUrlPattern: 'https://history.state.gov/historicaldocuments/{volume}/pg_{page}',
    }));
    writeFileSync(file('frus1951v07p2_d93.txt'), doc(93).text);
    writeFileSync(file('frus1951v07p2_d94.memo'), doc(94).text);
    writeFileSync(file('frus1951v07p2_d95.txt'), doc(95).text);
    writeFileSync(file('frus1951v07p2_d96.memo'), doc(96).text);
    writeFileSync(file('shopping.txt'), 'Bread, milk, p. 12 of the cookbook.\n');
    mkdirSync(file('node_modules'));
    writeFileSync(file('node_modules/d99.memo'), doc(99).text);
    server = await startServer({
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'volume' }],
    });
  });
  after(async () => {
    assert.equal(await server.stop(), 0, `server exit; stderr: ${server.stderr()}`);
    rmSync(folder, { recursive: true, force: true });
  });

  test('indexes the folder in the background: titles of the memos only', async () => {
    const titles = await poll('the four memos to be indexed', async () => {
      const all = await symbols('');
      return all.length >= 4 ? all : null;
    });
    assert.deepEqual(
      titles.map((s) => [s.name, s.location.uri]).sort(),
      [93, 94, 95, 96].map((n) => [doc(n).truth.title, uri(`frus1951v07p2_d${n}.${n % 2 ? 'txt' : 'memo'}`)]).sort(),
      'plain text that is not a memo, and node_modules, stay out',
    );
    const steere = await symbols('Steere');
    assert.deepEqual(steere.filter((s) => s.kind === SymbolKind.File).map((s) => s.location.uri).sort(), [uri('frus1951v07p2_d94.memo'), uri('frus1951v07p2_d96.memo')]);
    const note = (await symbols('Tibet had appealed'))[0];
    assert.equal(note.location.uri, uri('frus1951v07p2_d94.memo'));
    assert.equal(note.location.range.start.line, doc(94).truth.footnotes[3].line);
  });

  test('documentLink: a page reference opens the memo that holds the page, at its line', async () => {
    await server.open(uri('frus1951v07p2_d94.memo'), doc(94).text);
    const links = (await server.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: uri('frus1951v07p2_d94.memo') } })) as DocumentLink[];
    assert.equal(links.length, 1, JSON.stringify(links));
    assert.equal(links[0].range.start.line, doc(94).truth.footnotes[5].line);
    assert.equal(links[0].target, `${uri('frus1951v07p2_d96.memo')}#L1,1`);
    // The hover on the same reference names that file.
    const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('frus1951v07p2_d94.memo') }, position: links[0].range.start });
    assert.match(hoverText(hover), /frus1951v07p2_d96\.memo, line 1/);
  });

  test('hover on a page marker links to the page online', async () => {
    const marker = doc(94).truth.pageMarkers[0];
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uri('frus1951v07p2_d94.memo') },
      position: { line: marker.line, character: marker.character + 2 },
    });
    assert.match(hoverText(hover), new RegExp(`Page ${marker.page}\\*\\* begins here`));
    assert.ok(hoverText(hover).includes(`(https://history.state.gov/historicaldocuments/frus1951v07p2/pg_${marker.page})`), hoverText(hover));
  });

  test('memo/citation: pages, the Chicago note with the volume, and the quotation', async () => {
    const d94 = doc(94);
    const marker = d94.truth.pageMarkers[0]; // [Page 1683]
    const textDocument = { uri: uri('frus1951v07p2_d94.memo') };
    const range = { start: { line: marker.line, character: marker.character - 20 }, end: { line: marker.line, character: marker.character + 30 } };
    const across = await server.connection.sendRequest(CitationRequest, { textDocument, range });
    assert.deepEqual(across, {
      pages: 'pp. 1682–1683',
      text: 'The Chargé in India (Steere) to the Department of State, May 24, 1951, FRUS 1951, vol. VII, pt. 2, pp. 1682–1683.',
    });
    const quoted = await server.connection.sendRequest(CitationRequest, { textDocument, range, withQuotation: true });
    assert.ok(quoted.quotation?.startsWith('“'), quoted.quotation);
    assert.ok(!quoted.quotation?.includes('[Page'), quoted.quotation);
    assert.ok(quoted.quotation?.endsWith(across.text), quoted.quotation);
    const cursor = await server.connection.sendRequest(CitationRequest, { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    assert.equal(cursor.pages, 'p. 1682');
    // A file that is not open is read from disk.
    const closed = await server.connection.sendRequest(CitationRequest, { textDocument: { uri: uri('frus1951v07p2_d95.txt') }, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } } });
    assert.equal(closed.text, 'Telegram from the Ambassador in the United Kingdom (Gifford) to the Secretary of State, May 25, 1951, FRUS 1951, vol. VII, pt. 2, p. 1686.');
    // Bad params: an empty answer, the server lives on.
    assert.deepEqual(await server.connection.sendRequest(CitationRequest, { textDocument, range: null } as never), { pages: null, text: '' });
  });

  test('memo/goToPage: the current document first, then the folder', async () => {
    const textDocument = { uri: uri('frus1951v07p2_d94.memo') };
    const [m1683] = doc(94).truth.pageMarkers;
    assert.deepEqual(await server.connection.sendRequest(GoToPageRequest, { page: 'p. 1683', textDocument }), {
      uri: textDocument.uri,
      position: { line: m1683.line, character: m1683.character },
    });
    const m1687 = doc(95).truth.pageMarkers.find((m) => m.page === 1687)!;
    assert.deepEqual(await server.connection.sendRequest(GoToPageRequest, { page: '1687', textDocument }), {
      uri: uri('frus1951v07p2_d95.txt'),
      position: { line: m1687.line, character: m1687.character },
    });
    assert.equal(await server.connection.sendRequest(GoToPageRequest, { page: '9999', textDocument }), null);
    assert.equal(await server.connection.sendRequest(GoToPageRequest, { page: 'twelve' }), null);
  });

  test('the citation style comes from the client’s memo.citation settings', async () => {
    const configured = await startServer({ capabilities: { workspace: { configuration: true } } });
    try {
      const asked: unknown[] = [];
      configured.connection.onRequest(ConfigurationRequest.type, (params) => {
        asked.push(...params.items.map((i) => i.section));
        return params.items.map(() => ({ style: 'custom', template: '{pages} — {title} ({fileNumber})' }));
      });
      const seedUri = 'file:///settings/kennan-1951.memo';
      const seed = corpus.find((d) => d.name === 'seed/kennan-1951')!;
      await configured.open(seedUri, seed.text);
      const m = seed.truth.pageMarkers[0];
      const result = await configured.connection.sendRequest(CitationRequest, {
        textDocument: { uri: seedUri },
        range: { start: { line: m.line, character: m.character + 12 }, end: { line: m.line, character: m.character + 12 } },
      });
      assert.equal(result.text, 'p. 508 — George F. Kennan to the Deputy Under Secretary of State (Matthews) (795.00/5–2551)');
      assert.deepEqual(asked, ['memo.citation']);
    } finally {
      assert.equal(await configured.stop(), 0);
    }
  });

  test('follows files created and deleted on disk', async () => {
    writeFileSync(file('frus1951v07p2_d97.memo'), doc(97).text);
    unlinkSync(file('frus1951v07p2_d93.txt'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: uri('frus1951v07p2_d97.memo'), type: FileChangeType.Created },
        { uri: uri('frus1951v07p2_d93.txt'), type: FileChangeType.Deleted },
      ],
    });
    await poll('the new memo to be indexed', async () => (await symbols(doc(97).truth.title)).some((s) => s.location.uri === uri('frus1951v07p2_d97.memo')));
    assert.ok(!(await symbols('')).some((s) => s.location.uri === uri('frus1951v07p2_d93.txt')), 'the deleted memo is gone');
    // Go to page 1691 lands on its marker in d96, although the new memo begins on it.
    const found = await server.connection.sendRequest(GoToPageRequest, { page: '1691' });
    assert.equal(found?.uri, uri('frus1951v07p2_d96.memo'));
  });
});
