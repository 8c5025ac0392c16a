/**
 * The server's annotation state: for each annotated source its sidecar file (last good
 * content, or why it is read-only), and for each open document the anchors of its annotations
 * in the text as it is now. The request handlers (annotationHandlers.ts) call into this; it
 * talks to the disk through annotationStore.ts and to the user through the `host` callbacks.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnnotationListItem, AnnotationsChangedParams } from '../../common/protocol';
import { SidecarWatcher, readSidecar, sidecarPath, updateSidecar } from './annotationStore';
import { AnchorText } from './service/annotations/anchoring';
import { SourceText, isReply, replyTarget, stableJson, storedPage, type WebAnnotation } from './service/annotations/model';
import { emptyFile, sortAnnotations, type AnnotationFile } from './service/annotations/serialize';
import { anchorAll, anchorOne, changedIds, followEdit, type Anchors } from './service/annotations/tracking';
import { pagesOfSpan } from './service/features/pages';
import { parseMemo, type MemoModel } from './service';

/** What the state needs from the server around it. */
export interface AnnotationHost {
  /** Shows an error to the user (connection.window.showErrorMessage). */
  showError(message: string): void;
  notify(params: AnnotationsChangedParams): void;
  /** The open document of a URI, if the client has it open. */
  openDocument(uri: string): TextDocument | undefined;
  /** The parse of an open document (cached by the memo service). */
  model(doc: TextDocument): MemoModel;
}

/** One sidecar file as last read. */
interface Sidecar {
  path: string;
  /** The last content that parsed (kept on screen while a broken file is being fixed). */
  file: AnnotationFile | null;
  /** Raw text last read or written: a watcher event with the same text is our own write. */
  text: string | null;
  /** Why the file cannot be changed (it does not parse), or null. */
  readOnly: string | null;
  reported: string | null;
  loading?: Promise<void>;
}

/** An open document's anchors, valid for `text`. */
interface OpenDoc {
  uri: string;
  sourcePath: string;
  text: string;
  anchors: Anchors;
  ready: boolean;
}

/** A document's text and what is computed from it, for open and closed documents alike. */
export interface Snapshot {
  doc: TextDocument;
  anchorText: AnchorText;
  model: MemoModel;
}

export class AnnotationDocuments {
  private readonly sidecars = new Map<string, Sidecar>();
  private readonly open = new Map<string, OpenDoc>();
  private readonly watcher = new SidecarWatcher();
  private orphanTimer: NodeJS.Timeout | undefined;

  constructor(private readonly host: AnnotationHost) {}

  /** The source file path of a `file:` URI, or null (untitled and virtual documents have no sidecar). */
  static pathOf(uri: string): string | null {
    if (!uri.startsWith('file:')) return null;
    try {
      return fileURLToPath(uri);
    } catch {
      return null;
    }
  }

  /** The sidecar of a source, read on first use and watched from then on. */
  async sidecar(sourcePath: string): Promise<Sidecar> {
    let s = this.sidecars.get(sourcePath);
    if (!s) {
      s = { path: sidecarPath(sourcePath), file: null, text: null, readOnly: null, reported: null };
      this.sidecars.set(sourcePath, s);
      const created = s;
      s.loading = this.reload(created).then(() => {
        this.watcher.watch(created.path, () => void this.onSidecarChanged(sourcePath));
      });
    }
    await s.loading;
    return s;
  }

  /** Reads the sidecar again; returns whether its content changed. */
  private async reload(s: Sidecar): Promise<boolean> {
    const read = await readSidecar(s.path);
    const text = read.kind === 'missing' ? null : read.text;
    if (text === s.text && read.kind !== 'corrupt') return false;
    s.text = text;
    if (read.kind === 'corrupt') {
      const changed = s.readOnly !== read.error;
      s.readOnly = read.error;
      if (s.reported !== read.error) {
        s.reported = read.error;
        this.host.showError(`Annotations: ${s.path} ${read.text === null ? read.error : `does not parse: ${read.error}`}. ` +
          'The file is left untouched and its notes are read-only until it is fixed.');
      }
      return changed;
    }
    s.readOnly = null;
    s.reported = null;
    s.file = read.kind === 'ok' ? read.file : null;
    return true;
  }

  private async onSidecarChanged(sourcePath: string): Promise<void> {
    const s = this.sidecars.get(sourcePath);
    if (!s || !(await this.reload(s))) return;
    for (const od of this.openDocsOf(sourcePath)) this.reanchor(od, s, 'reload');
  }

  private openDocsOf(sourcePath: string): OpenDoc[] {
    return [...this.open.values()].filter((d) => d.sourcePath === sourcePath && d.ready);
  }

  /** A document opened or changed. */
  async documentChanged(doc: TextDocument): Promise<void> {
    const od = this.open.get(doc.uri);
    if (od?.ready) {
      this.followEdit(od, doc);
      return;
    }
    if (od) return; // still loading: it anchors the latest text when done
    const sourcePath = AnnotationDocuments.pathOf(doc.uri);
    if (!sourcePath) return;
    const fresh: OpenDoc = { uri: doc.uri, sourcePath, text: '', anchors: new Map(), ready: false };
    this.open.set(doc.uri, fresh);
    const s = await this.sidecar(sourcePath);
    if (this.open.get(doc.uri) !== fresh) return; // closed meanwhile
    fresh.ready = true;
    this.reanchor(fresh, s, 'open');
  }

  documentClosed(uri: string): void {
    this.open.delete(uri);
  }

  /** Anchors (again) the annotations of an open document whose annotations or text changed wholesale. */
  private reanchor(od: OpenDoc, s: Sidecar, reason: AnnotationsChangedParams['reason']): void {
    const doc = this.host.openDocument(od.uri);
    if (!doc) return;
    const before = od.anchors;
    const snap = this.snapshotOf(doc);
    od.text = doc.getText();
    od.anchors = anchorAll(snap.anchorText, s.file?.annotations ?? [], before);
    const moved = changedIds(before, od.anchors);
    if (reason !== 'open' || od.anchors.size > 0 || s.readOnly) this.sendChanged(od, s, snap, moved, reason);
  }

  private followEdit(od: OpenDoc, doc: TextDocument): void {
    const s = this.sidecars.get(od.sourcePath);
    const annotations = s?.file?.annotations ?? [];
    const text = doc.getText();
    if ((annotations.length === 0 && od.anchors.size === 0) || text === od.text) {
      od.text = text;
      return;
    }
    const snap = this.snapshotOf(doc);
    const before = od.anchors;
    od.anchors = followEdit(od.text, snap.anchorText, annotations, before);
    od.text = text;
    const moved = changedIds(before, od.anchors);
    if (moved.length > 0) this.sendChanged(od, s!, snap, moved, 'edit');
    if ([...od.anchors.values()].some((a) => a.status === 'orphaned')) this.scheduleOrphanRetry();
  }

  /** Orphans are tried again once typing pauses: a retyped or corrected passage may be found. */
  private scheduleOrphanRetry(): void {
    clearTimeout(this.orphanTimer);
    this.orphanTimer = setTimeout(() => {
      for (const od of this.open.values()) {
        const s = this.sidecars.get(od.sourcePath);
        const doc = this.host.openDocument(od.uri);
        if (!od.ready || !s?.file || !doc || doc.getText() !== od.text) continue;
        const snap = this.snapshotOf(doc);
        const before = od.anchors;
        const next = new Map(before);
        for (const a of s.file.annotations) {
          if (before.get(a.id)?.status === 'orphaned') next.set(a.id, anchorOne(snap.anchorText, a));
        }
        od.anchors = next;
        const moved = changedIds(before, next);
        if (moved.length > 0) this.sendChanged(od, s, snap, moved, 'edit');
      }
    }, 300);
    this.orphanTimer.unref?.();
  }

  private sendChanged(od: OpenDoc, s: Sidecar, snap: Snapshot, moved: string[], reason: AnnotationsChangedParams['reason']): void {
    this.host.notify({
      uri: od.uri,
      items: this.items(s.file?.annotations ?? [], od.anchors, snap),
      moved,
      reason,
      ...(s.readOnly ? { readOnly: s.readOnly } : {}),
    });
  }

  /** The text of a document: the open one, else the file on disk; null when neither exists. */
  async snapshot(uri: string): Promise<Snapshot | null> {
    const open = this.host.openDocument(uri);
    if (open) return this.snapshotOf(open);
    const path = AnnotationDocuments.pathOf(uri);
    if (!path) return null;
    try {
      const text = await readFile(path, 'utf8');
      const doc = TextDocument.create(uri, 'memo', 0, text);
      return { doc, anchorText: new AnchorText(new SourceText(text)), model: parseMemo(text) };
    } catch {
      return null;
    }
  }

  private snapshotOf(doc: TextDocument): Snapshot {
    const od = this.open.get(doc.uri) as (OpenDoc & { snap?: Snapshot; snapVersion?: number }) | undefined;
    if (od?.snap && od.snapVersion === doc.version && od.snap.doc.getText() === doc.getText()) return od.snap;
    const snap = { doc, anchorText: new AnchorText(new SourceText(doc.getText())), model: this.host.model(doc) };
    if (od) Object.assign(od, { snap, snapVersion: doc.version });
    return snap;
  }

  /** The list items of a document: its annotations where they lie now. */
  async list(uri: string): Promise<{ items: AnnotationListItem[]; readOnly: string | null }> {
    const path = AnnotationDocuments.pathOf(uri);
    if (!path) return { items: [], readOnly: null };
    const s = await this.sidecar(path);
    const annotations = s.file?.annotations ?? [];
    if (annotations.length === 0) return { items: [], readOnly: s.readOnly };
    const od = this.open.get(uri);
    const snap = await this.snapshot(uri);
    if (!snap) {
      // The source is gone: its notes are still listed, as orphans.
      return { items: this.items(annotations, new Map(), null), readOnly: s.readOnly };
    }
    const anchors = od?.ready && od.text === snap.doc.getText() ? od.anchors : anchorAll(snap.anchorText, annotations, od?.anchors);
    return { items: this.items(annotations, anchors, snap), readOnly: s.readOnly };
  }

  /** Anchors of an open document as they are now (for hovers and new notes). */
  anchorsOf(uri: string): { anchors: Anchors; annotations: WebAnnotation[] } | null {
    const od = this.open.get(uri);
    const s = od ? this.sidecars.get(od.sourcePath) : undefined;
    return od?.ready && s?.file ? { anchors: od.anchors, annotations: s.file.annotations } : null;
  }

  /** Builds list items; replies take their thread's range and status. */
  items(annotations: readonly WebAnnotation[], anchors: Anchors, snap: Snapshot | null): AnnotationListItem[] {
    const byId = new Map(annotations.map((a) => [a.id, a]));
    const rootOf = (a: WebAnnotation): WebAnnotation | null => {
      let current: WebAnnotation | undefined = a;
      for (let depth = 0; current && isReply(current) && depth < 20; depth++) current = byId.get(replyTarget(current)!);
      return current && !isReply(current) ? current : null;
    };
    return sortAnnotations(annotations).map((a): AnnotationListItem => {
      const root = rootOf(a);
      const anchor = root ? anchors.get(root.id) : undefined;
      const replyTo = replyTarget(a) ?? undefined;
      if (!root || !anchor || anchor.status === 'orphaned' || !snap) {
        const reason = !root ? 'the note it replies to was deleted' : anchor?.reason ?? (snap ? 'not anchored yet' : 'the source file is missing');
        return { annotation: a, range: null, status: 'orphaned', confidence: 0, reason, page: root ? storedPage(root) : null, ...(replyTo ? { replyTo } : {}) };
      }
      const { first, last } = pagesOfSpan(snap.model, anchor.start, anchor.end);
      const page = first && last && first !== last ? `${first}–${last}` : first;
      return {
        annotation: a,
        range: { start: snap.doc.positionAt(anchor.start), end: snap.doc.positionAt(anchor.end) },
        status: anchor.status,
        confidence: anchor.confidence,
        ...(anchor.reason ? { reason: anchor.reason } : {}),
        page,
        ...(replyTo ? { replyTo } : {}),
      };
    });
  }

  /**
   * Changes a source's sidecar: re-reads it from disk, applies `change` to the fresh content
   * and writes it atomically; then re-anchors the annotations whose target changed and tells
   * the client. `anchorsHint` gives anchors already known for some ids (a new note's range).
   */
  async mutate(sourcePath: string, change: (file: AnnotationFile) => AnnotationFile, anchorsHint?: Anchors): Promise<AnnotationFile> {
    const s = await this.sidecar(sourcePath);
    if (s.readOnly) throw new Error(`The annotations of ${basename(sourcePath)} are read-only: ${s.path} does not parse (${s.readOnly}). Fix or remove that file first.`);
    const label = `Annotations on ${basename(sourcePath)}`;
    const result = await updateSidecar(s.path, (current) => change(current ?? emptyFile(`urn:uuid:${randomUUID()}`, label)));
    const previous = new Map((s.file?.annotations ?? []).map((a) => [a.id, stableJson(a.target)]));
    s.file = result.file;
    s.text = result.text;
    for (const od of this.openDocsOf(sourcePath)) {
      const doc = this.host.openDocument(od.uri);
      if (!doc) continue;
      const snap = this.snapshotOf(doc);
      const before = od.anchors;
      const next: Anchors = new Map();
      for (const a of result.file.annotations) {
        if (isReply(a)) continue;
        const known = anchorsHint?.has(a.id) ? before.get(a.id) ?? anchorsHint.get(a.id) : undefined;
        const unchanged = previous.get(a.id) === stableJson(a.target) && before.has(a.id);
        next.set(a.id, known ?? (unchanged ? before.get(a.id)! : anchorOne(snap.anchorText, a, before.get(a.id))));
      }
      od.anchors = next;
      od.text = doc.getText();
      this.sendChanged(od, s, snap, changedIds(before, next), 'write');
    }
    return result.file;
  }

  /** Forgets a provisional anchor (a write that failed). */
  dropAnchor(uri: string, id: string): void {
    this.open.get(uri)?.anchors.delete(id);
  }

  /** Sets an anchor of an open document at once (a new note), so edits during the write shift it. */
  setAnchor(uri: string, id: string, start: number, end: number): void {
    this.open.get(uri)?.anchors.set(id, { status: 'anchored', start, end, confidence: 1, method: 'position' });
  }

  /** The current anchor of an id in an open document (moves made while a write was pending included). */
  anchorOf(uri: string, id: string) {
    return this.open.get(uri)?.anchors.get(id);
  }

  dispose(): void {
    clearTimeout(this.orphanTimer);
    this.watcher.dispose();
  }
}
