/**
 * Annotations through the built `memo-language-server --stdio`: add, list, ranges following
 * edits with the `memo/annotation/changed` notification, update, reply, delete, export, a
 * source changed on disk, a corrupt sidecar, unknown documents.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidSaveTextDocumentNotification,
  HoverRequest,
  ShowMessageRequest,
  WorkspaceSymbolRequest,
  type Hover,
  type MarkupContent,
  type Position,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import {
  AddAnnotationRequest,
  AnnotationsChangedNotification,
  DeleteAnnotationRequest,
  ExportAnnotationsRequest,
  ListAllAnnotationsRequest,
  ListAnnotationsRequest,
  UpdateAnnotationRequest,
  type AnnotationListItem,
  type AnnotationsChangedParams,
} from '../../common/protocol';
import { SEED_TEXT } from '../util/seed';
import { startServer, type TestServer } from './client';

const PHRASE = 'a greater freedom of exchange';

/** Line/character of an offset in a text. */
function pos(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}
const rangeOf = (text: string, phrase: string, from = 0) => {
  const i = text.indexOf(phrase, from);
  assert.ok(i >= 0, `fixture: ${phrase}`);
  return { start: pos(text, i), end: pos(text, i + phrase.length) };
};

async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('annotations over LSP', () => {
  let server: TestServer;
  let dir: string;
  let source: string;
  let uri: string;
  let text = SEED_TEXT;
  let version = 1;
  const changes: AnnotationsChangedParams[] = [];
  const messages: ShowMessageParams[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-lsp-'));
    source = join(dir, 'kennan-1951.memo');
    writeFileSync(source, SEED_TEXT);
    uri = pathToFileURL(source).href;
    server = await startServer({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }] });
    server.connection.onNotification(AnnotationsChangedNotification.method, (p: unknown) => void changes.push(p as AnnotationsChangedParams));
    server.connection.onRequest(ShowMessageRequest.type, (p) => {
      messages.push(p);
      return null;
    });
    await server.open(uri, text);
  });
  after(async () => {
    assert.equal(await server.stop(), 0, `server exit; stderr: ${server.stderr()}`);
    rmSync(dir, { recursive: true, force: true });
  });

  const list = (u = uri) => server.connection.sendRequest(ListAnnotationsRequest, { textDocument: { uri: u } });
  const sidecar = () => JSON.parse(readFileSync(`${source}.annotations.json`, 'utf8'));
  /** Replaces `range` with `insert` in the open document, as an editor does. */
  async function edit(range: { start: Position; end: Position }, insert: string): Promise<void> {
    const lines = text.split('\n');
    const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    text = text.slice(0, offset(range.start)) + insert + text.slice(offset(range.end));
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range, text: insert }],
    });
  }

  let id = '';

  test('add: the note is stored in the sidecar file and listed as anchored on its words', async () => {
    const range = rangeOf(text, PHRASE);
    const added = await server.connection.sendRequest(AddAnnotationRequest, { textDocument: { uri }, range, body: { text: 'Warmer than *last time*.', tags: ['#tone', 'korea'] } });
    id = added.id;
    assert.match(id, /^urn:uuid:[0-9a-f-]{36}$/);
    const stored = sidecar();
    assert.equal(stored.type, 'AnnotationCollection');
    assert.equal(stored.first.items[0].id, id);
    assert.equal(stored.first.items[0].target.selector[0].exact, PHRASE);
    const items = await list();
    assert.equal(items.length, 1);
    assert.deepEqual([items[0].status, items[0].range, items[0].confidence], ['anchored', range, 1]);
    assert.deepEqual(items[0].annotation.body.filter((b) => b.purpose === 'tagging').map((b) => b.value), ['tone', 'korea']);
    await until('a write notification', () => changes.find((c) => c.reason === 'write' && c.items.length === 1));
  });

  test('workspace symbols find the note by a word or a #tag, at its passage', async () => {
    const found = await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '#tone' });
    const notes = (found ?? []).filter((s) => s.name.startsWith('✎'));
    assert.deepEqual(notes.map((s) => [s.name, s.location.uri]), [['✎ Warmer than *last time*.', uri]]);
    assert.deepEqual((notes[0].location as { range: unknown }).range, rangeOf(text, PHRASE));
    const none = await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'no-such-note-word' });
    assert.deepEqual((none ?? []).filter((s) => s.name.startsWith('✎')), []);
  });

  test('an edit before the passage: the range follows and the client is told what moved', async () => {
    changes.length = 0;
    await edit({ start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, 'An inserted line.\n\n');
    const note = await until('an edit notification', () => changes.find((c) => c.reason === 'edit'));
    assert.deepEqual(note.moved, [id]);
    assert.deepEqual(note.items[0].range, rangeOf(text, PHRASE));
    assert.deepEqual((await list())[0].range, rangeOf(text, PHRASE));
  });

  test('on save, the stored selectors are measured again in the saved text', async () => {
    const before = sidecar().first.items[0].target;
    assert.notEqual(before.selector[1].start, text.indexOf(PHRASE), 'fixture: the stored position is stale after the edit');
    await server.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    const target = await until('the refreshed selectors', () => {
      const t = sidecar().first.items[0].target;
      return t.selector[1].start === text.indexOf(PHRASE) ? t : undefined;
    });
    assert.equal(target.selector[0].exact, PHRASE);
    assert.equal(target.selector[0].prefix, text.slice(text.indexOf(PHRASE) - 32, text.indexOf(PHRASE)));
    assert.equal(target['memo:sourceHash'], `sha256:${createHash('sha256').update(text).digest('hex')}`);
    assert.notEqual(target['memo:sourceHash'], before['memo:sourceHash']);
  });

  test('an edit after the passage moves nothing; an edit inside flags it as moved', async () => {
    changes.length = 0;
    const end = rangeOf(text, PHRASE).end;
    await edit({ start: { line: end.line, character: end.character + 1 }, end: { line: end.line, character: end.character + 1 } }, ' indeed');
    const inside = rangeOf(text, 'freedom');
    await edit(inside, 'liberty');
    const note = await until('an edit notification', () => changes.find((c) => c.reason === 'edit'));
    assert.deepEqual(note.moved, [id], 'only the edit inside is reported');
    const item = (await list())[0];
    assert.equal(item.status, 'moved');
    assert.ok(item.confidence > 0.5 && item.confidence < 1);
    assert.deepEqual(item.range, rangeOf(text, 'a greater liberty of exchange'));
  });

  test('hover on the passage shows the note', async () => {
    const at = rangeOf(text, 'liberty').start;
    const hover = (await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /Warmer than \*last time\*/);
    assert.match((hover.contents as MarkupContent).value, /#tone/);
  });

  test('update: text, tags, resolved, and a new range (re-attach) are written to the file', async () => {
    const range = rangeOf(text, 'a greater liberty of exchange');
    const updated = await server.connection.sendRequest(UpdateAnnotationRequest, {
      textDocument: { uri }, id, body: { text: 'Edited note.', tags: ['tone'] }, resolved: true, range,
    });
    assert.equal(updated.id, id);
    const stored = sidecar().first.items[0];
    assert.equal(stored.body[0].value, 'Edited note.');
    assert.deepEqual(stored.body.slice(1).map((b: { value: string }) => b.value), ['tone']);
    assert.equal(stored['memo:resolved'], true);
    assert.equal(stored.target.selector[0].exact, 'a greater liberty of exchange');
    const item = (await list())[0];
    assert.deepEqual([item.status, item.range], ['anchored', range]);
    await assert.rejects(server.connection.sendRequest(UpdateAnnotationRequest, { textDocument: { uri }, id: 'urn:uuid:nope', resolved: true }), /No annotation/);
  });

  test('reply, list all, export, then delete the note with its reply', async () => {
    const reply = await server.connection.sendRequest(AddAnnotationRequest, { textDocument: { uri }, replyTo: id, body: { text: 'A reply.', tags: [] } });
    const items = await list();
    const r = items.find((i) => i.annotation.id === reply.id)!;
    assert.equal(r.replyTo, id);
    assert.deepEqual(r.range, items.find((i) => i.annotation.id === id)!.range);
    const all = await server.connection.sendRequest(ListAllAnnotationsRequest, {});
    assert.deepEqual(all.documents.map((d) => [d.uri, d.items.length]), [[uri, 2]]);
    const md = await server.connection.sendRequest(ExportAnnotationsRequest, { textDocument: { uri }, format: 'markdown' });
    assert.match(md.content, /^> a greater liberty of exchange/m);
    assert.match(md.content, /Edited note\./);
    assert.match(md.content, /A reply\./);
    const jsonld = JSON.parse((await server.connection.sendRequest(ExportAnnotationsRequest, { all: true, format: 'jsonld' })).content);
    assert.equal(jsonld.total, 2);
    assert.equal(jsonld.first.items[0].target.source, uri);
    const deleted = await server.connection.sendRequest(DeleteAnnotationRequest, { textDocument: { uri }, id });
    assert.deepEqual(deleted.deleted.sort(), [id, reply.id].sort());
    assert.deepEqual(await list(), []);
    assert.equal(sidecar().total, 0);
  });

  test('unknown documents list nothing', async () => {
    assert.deepEqual(await list(pathToFileURL(join(dir, 'nothing-here.memo')).href), []);
    assert.deepEqual(await list('untitled:Untitled-1'), []);
    await assert.rejects(server.connection.sendRequest(AddAnnotationRequest, { textDocument: { uri: 'untitled:Untitled-1' }, range: rangeOf(text, 'My host'), body: { text: 'x', tags: [] } }), /save the document/);
  });

  test('a source changed on disk while closed: notes re-anchor, or are orphaned and kept', async () => {
    const first = await server.connection.sendRequest(AddAnnotationRequest, { textDocument: { uri }, range: rangeOf(text, 'My host then stated'), body: { text: 'kept', tags: [] } });
    const second = await server.connection.sendRequest(AddAnnotationRequest, { textDocument: { uri }, range: rangeOf(text, 'his personal advice'), body: { text: 'orphan', tags: [] } });
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const para = SEED_TEXT.split('\n\n').find((p) => p.startsWith('He did not know whether'))!;
    const onDisk = `A new opening line.\n\n${SEED_TEXT.replace(`${para}\n\n`, '')}`;
    writeFileSync(source, onDisk);
    const items = await list();
    const byId = new Map<string, AnnotationListItem>(items.map((i) => [i.annotation.id, i]));
    assert.deepEqual([byId.get(first.id)!.status, byId.get(first.id)!.range], ['anchored', rangeOf(onDisk, 'My host then stated')]);
    assert.deepEqual([byId.get(second.id)!.status, byId.get(second.id)!.range], ['orphaned', null]);
    assert.ok(sidecar().first.items.some((a: { id: string }) => a.id === second.id), 'the orphan is still in the file');
    text = onDisk;
    version = 1;
    await server.open(uri, text);
  });

  test('a corrupt sidecar is reported and never overwritten; requests say it is read-only', async () => {
    const file = `${source}.annotations.json`;
    const broken = '{ "type": "AnnotationCollection", "first": { "items": [ ';
    writeFileSync(file, broken);
    const shown = await until('an error message naming the file', () => messages.find((m) => m.type === 1 && m.message.includes(file)));
    assert.match(shown.message, /does not parse/);
    await assert.rejects(server.connection.sendRequest(AddAnnotationRequest, { textDocument: { uri }, range: rangeOf(text, 'My host'), body: { text: 'x', tags: [] } }), /read-only/);
    assert.equal(readFileSync(file, 'utf8'), broken);
  });
});
