/**
 * The annotations feature module: `memo/annotation/*` requests, ranges kept in step with edits
 * (with a `memo/annotation/changed` notification to the client), selectors refreshed on save,
 * and a hover section with the notes on an annotated passage.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { LSPErrorCodes, ResponseError, type InitializeParams } from 'vscode-languageserver';
import {
  AddAnnotationRequest,
  AnnotationsChangedNotification,
  DeleteAnnotationRequest,
  ExportAnnotationsRequest,
  ImportAnnotationsRequest,
  ListAllAnnotationsRequest,
  ListAnnotationsRequest,
  UpdateAnnotationRequest,
  type AnnotationBodyParams,
  type MemoAnnotation,
} from '../../common/protocol';
import { AnnotationDocuments } from './annotationDocuments';
import { StoreError } from './annotationStore';
import { collectWorkspace, exportDocuments } from './annotationWorkspace';
import type { Anchor } from './service/annotations/anchoring';
import { importAnnotations } from './service/annotations/export';
import { annotationSymbols } from './service/annotations/symbols';
import {
  cleanTags,
  createAnnotation,
  isReply,
  noteOf,
  pageCitation,
  quoteSelector,
  replyTarget,
  stableJson,
  targetFor,
  withBody,
  withTargetAt,
  type WebAnnotation,
} from './service/annotations/model';
import { pagesOfSpan } from './service/features/pages';
import { safely, type ServerContext } from './server';

/** A mistake of the caller, told in words (the client shows it). */
class UserError extends Error {}

const newId = () => `urn:uuid:${randomUUID()}`;
const now = () => new Date().toISOString();

export function registerAnnotations(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  // A client without window/showMessageRequest rejects it: that must not become an unhandled rejection.
  const showError = (message: string) => void Promise.resolve(connection.window.showErrorMessage(message) as unknown).catch(() => undefined);
  const state = new AnnotationDocuments({
    showError,
    notify: (params) => {
      invalidate();
      void connection.sendNotification(AnnotationsChangedNotification, params);
    },
    openDocument: (uri) => documents.get(uri),
    model: (doc) => ctx.service.model(doc),
  });
  let roots: string[] = [];
  ctx.onInitialized.push((params: InitializeParams) => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map((u) => AnnotationDocuments.pathOf(u)).filter((p): p is string => !!p);
  });

  const logged = (what: string) => (e: unknown) => connection.console.error(`annotations: ${what} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  documents.onDidChangeContent((e) => void state.documentChanged(e.document).catch(logged('following an edit')));
  documents.onDidClose((e) => state.documentClosed(e.document.uri));
  documents.onDidSave((e) => void refreshSelectors(e.document.uri).catch(logged('refreshing selectors on save')));

  // Workspace symbols: every sidecar of the folder, read again only after a note changed.
  let everything: Promise<Awaited<ReturnType<typeof collectWorkspace>>> | null = null;
  const invalidate = () => (everything = null);
  const WRITES = new Set(['add', 'update', 'delete', 'import']);

  /** Wraps an async handler: errors become error answers in words; store errors are also shown. */
  const handle = <P, R>(name: string, run: (params: P) => Promise<R>) => async (params: P): Promise<R> => {
    try {
      return await run(params);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      if (e instanceof UserError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message, { shown: false });
      const message = e instanceof Error ? e.message : String(e);
      if (!(e instanceof StoreError)) logged(name)(e);
      showError(message);
      throw new ResponseError(LSPErrorCodes.RequestFailed, message, { shown: true });
    } finally {
      if (WRITES.has(name)) invalidate();
    }
  };

  const sourcePathOf = (params: { textDocument?: { uri?: unknown } } | undefined): { uri: string; path: string } => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new UserError('textDocument.uri is missing');
    const path = AnnotationDocuments.pathOf(uri);
    if (!path) throw new UserError('Annotations are stored in a file beside the document: save the document to disk first.');
    return { uri, path };
  };

  connection.onRequest(AddAnnotationRequest, handle('add', async (p) => {
    const { uri, path } = sourcePathOf(p);
    const body = validBody(p.body);
    if (typeof p.replyTo === 'string' && p.replyTo) {
      const parentId = p.replyTo;
      const reply = createAnnotation(newId(), now(), body, parentId);
      await state.mutate(path, (file) => {
        if (!file.annotations.some((a) => a.id === parentId)) throw new UserError('The note you reply to no longer exists.');
        return { ...file, annotations: [...file.annotations, reply] };
      });
      return reply as MemoAnnotation;
    }
    if (!p.range) throw new UserError('Give the range of the passage to annotate.');
    if (!body.text.trim() && body.tags.length === 0) throw new UserError('A note needs some text or a tag.');
    const snap = await state.snapshot(uri);
    if (!snap) throw new UserError(`${basename(path)} cannot be read.`);
    const text = snap.doc.getText();
    let start = snap.doc.offsetAt(p.range.start);
    let end = snap.doc.offsetAt(p.range.end);
    // A selection often catches the space around a phrase: the note belongs to the words.
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) throw new UserError('Select the words to annotate first: the range is empty.');
    const annotation = createAnnotation(newId(), now(), body, targetFor(snap.anchorText.source, basename(path), start, end, pageOf(snap.model, start, end)));
    state.setAnchor(uri, annotation.id, start, end);
    try {
      await state.mutate(path, (file) => ({ ...file, annotations: [...file.annotations, annotation] }), new Map([[annotation.id, anchored(start, end)]]));
    } catch (e) {
      state.dropAnchor(uri, annotation.id);
      throw e;
    }
    return annotation as MemoAnnotation;
  }));

  connection.onRequest(ListAnnotationsRequest, safely(connection, 'annotation/list', Promise.resolve([]), async (p) => {
    const uri = p?.textDocument?.uri;
    if (typeof uri !== 'string') return [];
    try {
      return (await state.list(uri)).items;
    } catch (e) {
      logged('list')(e);
      return [];
    }
  }));

  connection.onRequest(UpdateAnnotationRequest, handle('update', async (p) => {
    const { uri, path } = sourcePathOf(p);
    const known = (await state.sidecar(path)).file?.annotations.find((a) => a.id === p.id);
    if (!known) throw new UserError(`No annotation ${String(p.id)} in ${basename(path)}.`);
    const stamp = now();
    let retarget: { start: number; end: number; apply: (a: WebAnnotation) => WebAnnotation } | null = null;
    if (p.range) {
      if (isReply(known)) throw new UserError('A reply follows its note: move the note instead.');
      const snap = await state.snapshot(uri);
      if (!snap) throw new UserError(`${basename(path)} cannot be read.`);
      const start = snap.doc.offsetAt(p.range.start);
      const end = snap.doc.offsetAt(p.range.end);
      if (end <= start) throw new UserError('Select the words to attach the note to: the range is empty.');
      const page = pageOf(snap.model, start, end);
      retarget = { start, end, apply: (a) => ({ ...withTargetAt(a, snap.anchorText.source, start, end, page), modified: stamp }) };
      state.setAnchor(uri, p.id, start, end);
    }
    const change = (a: WebAnnotation): WebAnnotation => {
      let next = a;
      if (p.body) next = withBody(next, { ...(typeof p.body.text === 'string' ? { text: p.body.text } : {}), ...(Array.isArray(p.body.tags) ? { tags: cleanTags(p.body.tags) } : {}) }, stamp);
      if (typeof p.resolved === 'boolean') {
        next = { ...next, modified: stamp };
        if (p.resolved) next['memo:resolved'] = true;
        else delete next['memo:resolved'];
      }
      return retarget ? retarget.apply(next) : next;
    };
    const file = await state.mutate(path, (current) => {
      const onDisk = current.annotations.find((a) => a.id === p.id);
      // Deleted in another window meanwhile: the edit brings it back rather than being lost.
      const updated = change(onDisk ?? known);
      return { ...current, annotations: [...current.annotations.filter((a) => a.id !== p.id), updated] };
    }, retarget ? new Map([[p.id, anchored(retarget.start, retarget.end)]]) : undefined);
    return file.annotations.find((a) => a.id === p.id) as MemoAnnotation;
  }));

  connection.onRequest(DeleteAnnotationRequest, handle('delete', async (p) => {
    const { path } = sourcePathOf(p);
    const s = await state.sidecar(path);
    if (!s.file || !s.file.annotations.some((a) => a.id === p.id)) return { deleted: [] };
    let deleted: string[] = [];
    await state.mutate(path, (file) => {
      deleted = withReplies(file.annotations, p.id);
      return { ...file, annotations: file.annotations.filter((a) => !deleted.includes(a.id)) };
    });
    return { deleted };
  }));

  ctx.onWatchedFilesChanged.push((p) => {
    if (p.changes?.some((c) => c.uri.endsWith('.annotations.json'))) invalidate();
  });
  ctx.workspaceSymbolSources.push(async (query) => {
    everything ??= collectWorkspace(state, roots, documents.all().map((d) => d.uri)).catch((e) => {
      invalidate();
      throw e;
    });
    return annotationSymbols(await everything, query);
  });

  connection.onRequest(ListAllAnnotationsRequest, handle('listAll', async () => ({
    documents: await collectWorkspace(state, roots, documents.all().map((d) => d.uri)),
  })));

  connection.onRequest(ExportAnnotationsRequest, handle('export', async (p) => {
    const uris = p.all ? (await collectWorkspace(state, roots, documents.all().map((d) => d.uri))).map((d) => d.uri) : [sourcePathOf(p).uri];
    if (p.format !== 'markdown' && p.format !== 'jsonld') throw new UserError(`Unknown export format ${JSON.stringify(p.format)}: use "markdown" or "jsonld".`);
    return exportDocuments(state, uris, roots, p.format, newId());
  }));

  connection.onRequest(ImportAnnotationsRequest, handle('import', async (p) => {
    const { path } = sourcePathOf(p);
    const incoming = importAnnotations(p.collection, basename(path), newId, now());
    let imported = 0;
    let unchanged = 0;
    if (incoming.annotations.length > 0) {
      await state.mutate(path, (file) => {
        const byId = new Map(file.annotations.map((a) => [a.id, a]));
        imported = unchanged = 0;
        for (const a of incoming.annotations) {
          const existing = byId.get(a.id);
          if (existing && !(String(a.modified) > String(existing.modified))) unchanged++;
          else {
            byId.set(a.id, a);
            imported++;
          }
        }
        return { ...file, annotations: [...byId.values()] };
      });
    }
    return { imported, unchanged, skipped: incoming.skipped };
  }));

  ctx.hoverSections.push((doc, position) => {
    const known = state.anchorsOf(doc.uri);
    if (!known) return null;
    const offset = doc.offsetAt(position);
    const here = known.annotations.filter((a) => {
      const anchor = known.anchors.get(a.id);
      return !isReply(a) && anchor && anchor.status !== 'orphaned' && anchor.start <= offset && offset <= anchor.end;
    });
    if (here.length === 0) return null;
    const model = ctx.service.model(doc);
    return here.map((a) => hoverOf(a, known.anchors.get(a.id)!, known.annotations, pageOf(model, known.anchors.get(a.id)!.start, known.anchors.get(a.id)!.end))).join('\n\n');
  });

  /** After a save, the anchored notes' selectors are measured again in the saved text. */
  async function refreshSelectors(uri: string): Promise<void> {
    const path = AnnotationDocuments.pathOf(uri);
    const known = state.anchorsOf(uri);
    const doc = documents.get(uri);
    if (!path || !known || !doc || known.annotations.length === 0) return;
    const s = await state.sidecar(path);
    if (s.readOnly) return;
    const snap = await state.snapshot(uri);
    if (!snap) return;
    const fresh = new Map<string, WebAnnotation>();
    for (const a of known.annotations) {
      const anchor = known.anchors.get(a.id);
      if (isReply(a) || anchor?.status !== 'anchored') continue;
      const next = withTargetAt(a, snap.anchorText.source, anchor.start, anchor.end, pageOf(snap.model, anchor.start, anchor.end));
      if (stableJson(next.target) !== stableJson(a.target)) fresh.set(a.id, next);
    }
    if (fresh.size === 0) return;
    await state.mutate(path, (file) => ({
      ...file,
      // Only where the file still holds the same quote: another window may have re-attached it.
      annotations: file.annotations.map((a) => {
        const next = fresh.get(a.id);
        const before = known.annotations.find((k) => k.id === a.id);
        return next && before && stableJson(a.target) === stableJson(before.target) ? { ...a, target: next.target } : a;
      }),
    }), new Map([...fresh.keys()].map((id) => [id, known.anchors.get(id)!])));
  }
}

function anchored(start: number, end: number): Anchor {
  return { status: 'anchored', start, end, confidence: 1, method: 'position' };
}

function pageOf(model: Parameters<typeof pagesOfSpan>[0], start: number, end: number): string | null {
  const { first, last } = pagesOfSpan(model, start, end);
  return first && last && first !== last ? `${first}–${last}` : first;
}

function validBody(body: unknown): AnnotationBodyParams {
  const b = (body ?? {}) as Partial<AnnotationBodyParams>;
  if (typeof b.text !== 'string') throw new UserError('body.text must be a string (the note, in Markdown).');
  if (b.tags !== undefined && !Array.isArray(b.tags)) throw new UserError('body.tags must be an array of strings.');
  return { text: b.text, tags: cleanTags(b.tags ?? []) };
}

/** An id and the ids of all replies below it. */
function withReplies(annotations: readonly WebAnnotation[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) {
    for (const a of annotations) if (replyTarget(a) === out[i] && !out.includes(a.id)) out.push(a.id);
  }
  return out;
}

function hoverOf(a: WebAnnotation, anchor: Anchor, all: readonly WebAnnotation[], page: string | null): string {
  const note = noteOf(a);
  const replies = all.filter((r) => replyTarget(r) === a.id).length;
  const head = [`**Note**`, pageCitation(page), note.tags.map((t) => `#${t}`).join(' '), a['memo:resolved'] ? 'resolved' : null]
    .filter(Boolean).join(' · ');
  const lines = [head];
  if (anchor.status === 'moved') lines.push(`_Moved: ${anchor.reason ?? 'the text changed'}. Was: “${(quoteSelector(a)?.exact ?? '').slice(0, 120)}”_`);
  if (note.text.trim()) lines.push(note.text.trim());
  if (replies) lines.push(`_${replies} repl${replies === 1 ? 'y' : 'ies'}_`);
  return lines.join('\n\n');
}
