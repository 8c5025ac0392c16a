/**
 * Annotations as VS Code comment threads (editor and Comments panel). One thread per note; its
 * replies are further comments in the thread (each reply is an annotation of its own, with
 * motivation `replying` and the note's id as target, so other W3C tools read it as a reply).
 * Threads follow the server's ranges; an orphaned note becomes a file-level thread labelled
 * as orphaned, with a Re-attach action. Tags are typed as `#words` in the comment.
 */
import * as vscode from 'vscode';
import { AddAnnotationRequest, DeleteAnnotationRequest, UpdateAnnotationRequest, type AnnotationListItem } from '../../../common/protocol';
import { guarded, quoteOf, tagsOf, textOf, type AnnotationState } from './state';
import { joinTags, splitTags } from './tags';

export const CONTROLLER_ID = 'memo-annotations';

/** A note or reply shown as a comment. */
export class NoteComment implements vscode.Comment {
  body: string | vscode.MarkdownString;
  mode = vscode.CommentMode.Preview;
  author: vscode.CommentAuthorInformation;
  contextValue: string;
  label?: string;
  timestamp?: Date;

  constructor(readonly item: AnnotationListItem, readonly uri: vscode.Uri, readonly thread: vscode.CommentThread, readOnly: boolean) {
    this.body = rendered(item);
    const creator = item.annotation.creator as { name?: unknown } | undefined;
    this.author = { name: typeof creator?.name === 'string' ? creator.name : item.replyTo ? 'Reply' : 'Note' };
    this.contextValue = readOnly ? 'memoNote;readonly' : item.replyTo ? 'memoNote;reply' : 'memoNote;root';
    this.timestamp = new Date(item.annotation.modified || item.annotation.created);
    if (!item.replyTo) {
      const page = item.page ? (/[–-]/.test(item.page) ? `pp. ${item.page}` : `p. ${item.page}`) : undefined;
      const status = item.status === 'moved' ? `moved (${Math.round(item.confidence * 100)}%): check the passage` : item.status === 'orphaned' ? 'orphaned' : undefined;
      this.label = [page, status].filter(Boolean).join(' · ') || undefined;
    }
  }

  get id(): string {
    return this.item.annotation.id;
  }
}

function rendered(item: AnnotationListItem): vscode.MarkdownString {
  const tags = tagsOf(item);
  const md = new vscode.MarkdownString([textOf(item), tags.length ? tags.map((t) => `\`#${t}\``).join(' ') : ''].filter(Boolean).join('\n\n'));
  md.isTrusted = false;
  return md;
}

/** Keeps one comment thread per root annotation of each document in step with the state. */
export class AnnotationThreads implements vscode.Disposable {
  readonly controller: vscode.CommentController;
  private readonly threads = new Map<string, Map<string, vscode.CommentThread>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly state: AnnotationState) {
    this.controller = vscode.comments.createCommentController(CONTROLLER_ID, 'Annotations');
    this.controller.options = { prompt: 'Add a note (Markdown; #tags to tag)…', placeHolder: 'A note on the selected words. Type #tags to tag it.' };
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (doc) => (doc.languageId === 'memo' && doc.uri.scheme === 'file' ? [new vscode.Range(0, 0, Math.max(0, doc.lineCount - 1), 0)] : []),
    };
    this.disposables.push(this.controller, state.onDidChange((uri) => (uri ? this.sync(uri) : this.syncAll())));
  }

  /** The thread of a note, if shown. */
  thread(uri: vscode.Uri, id: string): vscode.CommentThread | undefined {
    return this.threads.get(uri.toString())?.get(id);
  }

  /** What the threads of a document look like (for tests and the tree). */
  describe(uri: vscode.Uri): Array<{ id: string; range: vscode.Range | undefined; label?: string; state?: number; contextValue?: string; comments: string[] }> {
    return [...(this.threads.get(uri.toString()) ?? new Map<string, vscode.CommentThread>()).entries()].map(([id, t]) => ({
      id, range: t.range, label: t.label, state: t.state, contextValue: t.contextValue,
      comments: t.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value)),
    }));
  }

  private syncAll(): void {
    for (const d of this.state.all()) this.sync(d.uri);
    for (const key of this.threads.keys()) if (!this.state.get(vscode.Uri.parse(key))) this.sync(vscode.Uri.parse(key));
  }

  private sync(uri: vscode.Uri): void {
    const doc = this.state.get(uri);
    const key = uri.toString();
    const shown = this.threads.get(key) ?? new Map<string, vscode.CommentThread>();
    this.threads.set(key, shown);
    const items = doc?.items ?? [];
    const ids = new Set(items.map((i) => i.annotation.id));
    const roots = items.filter((i) => !i.replyTo || !ids.has(i.replyTo));
    const keep = new Set<string>();
    for (const root of roots) {
      keep.add(root.annotation.id);
      const replies = this.repliesOf(root.annotation.id, items);
      let thread = shown.get(root.annotation.id);
      const range = root.range ? new vscode.Range(root.range.start.line, root.range.start.character, root.range.end.line, root.range.end.character) : undefined;
      if (!thread) {
        thread = this.controller.createCommentThread(uri, range ?? new vscode.Range(0, 0, 0, 0), []);
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
        shown.set(root.annotation.id, thread);
      }
      // Orphans: a file-level thread (no range) rather than one pinned to wrong words.
      if (!sameRange(thread.range, range)) thread.range = range;
      const readOnly = !!doc?.readOnly;
      const resolved = root.annotation['memo:resolved'] === true;
      thread.label = `${root.status === 'orphaned' ? 'Orphaned: ' : root.status === 'moved' ? 'Moved: ' : ''}“${excerpt(quoteOf(root), 60)}”`;
      thread.contextValue = `memoNote;${resolved ? 'resolved' : 'open'};${root.status}${readOnly ? ';readonly' : ''}`;
      thread.canReply = !readOnly;
      thread.state = resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
      // A comment being edited keeps its editor open across updates.
      const editing = new Map(thread.comments.filter((c) => c.mode === vscode.CommentMode.Editing).map((c) => [(c as NoteComment).id, c]));
      const t = thread;
      thread.comments = [root, ...replies].map((i) => editing.get(i.annotation.id) ?? new NoteComment(i, uri, t, readOnly));
    }
    for (const [id, thread] of shown) {
      if (!keep.has(id)) {
        thread.dispose();
        shown.delete(id);
      }
    }
  }

  private repliesOf(id: string, items: AnnotationListItem[]): AnnotationListItem[] {
    const out: AnnotationListItem[] = [];
    const queue = [id];
    while (queue.length) {
      const parent = queue.shift()!;
      for (const i of items) if (i.replyTo === parent && !out.includes(i)) {
        out.push(i);
        queue.push(i.annotation.id);
      }
    }
    return out.sort((a, b) => (a.annotation.created < b.annotation.created ? -1 : 1));
  }

  /** The root note id of a thread we show. */
  rootOf(thread: vscode.CommentThread): string | undefined {
    for (const shown of this.threads.values()) for (const [id, t] of shown) if (t === thread) return id;
    return undefined;
  }

  dispose(): void {
    for (const shown of this.threads.values()) for (const t of shown.values()) t.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The comment commands (thread and comment menus). */
export function commentCommands(threads: AnnotationThreads, state: AnnotationState, report: (e: unknown) => void): vscode.Disposable[] {
  const client = state.client;
  const textDocument = (uri: vscode.Uri) => ({ uri: state.uriString(uri) });
  const run = guarded(report);
  return [
    vscode.commands.registerCommand('memo.annotations.createNote', run(async (reply?: vscode.CommentReply) => {
      if (!reply?.thread?.range) return;
      const { text, tags } = splitTags(reply.text ?? '');
      const uri = reply.thread.uri;
      const range = client.code2ProtocolConverter.asRange(reply.thread.range);
      reply.thread.dispose(); // the note's own thread replaces this draft
      const added = await client.sendRequest(AddAnnotationRequest, { textDocument: textDocument(uri), range, body: { text, tags } });
      await state.refresh(uri);
      return added;
    })),
    vscode.commands.registerCommand('memo.annotations.reply', run(async (reply?: vscode.CommentReply) => {
      const root = reply?.thread ? threads.rootOf(reply.thread) : undefined;
      if (!reply || !root) return;
      const { text, tags } = splitTags(reply.text ?? '');
      if (!text && tags.length === 0) return;
      const added = await client.sendRequest(AddAnnotationRequest, { textDocument: textDocument(reply.thread.uri), replyTo: root, body: { text, tags } });
      await state.refresh(reply.thread.uri);
      return added;
    })),
    vscode.commands.registerCommand('memo.annotations.editNote', (comment?: NoteComment) => {
      if (!(comment instanceof NoteComment)) return;
      comment.mode = vscode.CommentMode.Editing;
      comment.body = joinTags(textOf(comment.item), tagsOf(comment.item));
      comment.thread.comments = [...comment.thread.comments];
    }),
    vscode.commands.registerCommand('memo.annotations.cancelEdit', async (comment?: NoteComment) => {
      if (!(comment instanceof NoteComment)) return;
      comment.mode = vscode.CommentMode.Preview;
      comment.body = rendered(comment.item);
      comment.thread.comments = [...comment.thread.comments];
    }),
    vscode.commands.registerCommand('memo.annotations.saveNote', run(async (comment?: NoteComment) => {
      if (!(comment instanceof NoteComment)) return;
      const typed = typeof comment.body === 'string' ? comment.body : comment.body.value;
      const body = splitTags(typed);
      comment.mode = vscode.CommentMode.Preview;
      await client.sendRequest(UpdateAnnotationRequest, { textDocument: textDocument(comment.uri), id: comment.id, body });
      await state.refresh(comment.uri);
    })),
    vscode.commands.registerCommand('memo.annotations.deleteNote', run(async (comment?: NoteComment | { uri: string | vscode.Uri; id: string }) => {
      if (!comment) return;
      const uri = comment instanceof NoteComment ? comment.uri : typeof comment.uri === 'string' ? vscode.Uri.parse(comment.uri) : comment.uri;
      if (comment instanceof NoteComment) {
        const replies = (state.get(uri)?.items ?? []).filter((i) => i.replyTo === comment.id).length;
        const what = comment.item.replyTo ? 'this reply' : replies ? `this note and its ${replies} repl${replies === 1 ? 'y' : 'ies'}` : 'this note';
        const answer = await vscode.window.showWarningMessage(`Delete ${what}? It is removed from the annotation file.`, { modal: true }, 'Delete');
        if (answer !== 'Delete') return;
      }
      const result = await client.sendRequest(DeleteAnnotationRequest, { textDocument: textDocument(uri), id: comment.id });
      await state.refresh(uri);
      return result;
    })),
    vscode.commands.registerCommand('memo.annotations.resolve', run(async (thread?: vscode.CommentThread) => setResolved(thread, true))),
    vscode.commands.registerCommand('memo.annotations.reopen', run(async (thread?: vscode.CommentThread) => setResolved(thread, false))),
  ];

  async function setResolved(thread: vscode.CommentThread | undefined, resolved: boolean): Promise<void> {
    const id = thread ? threads.rootOf(thread) : undefined;
    if (!thread || !id) return;
    await client.sendRequest(UpdateAnnotationRequest, { textDocument: textDocument(thread.uri), id, resolved });
    await state.refresh(thread.uri);
  }
}

function sameRange(a: vscode.Range | undefined, b: vscode.Range | undefined): boolean {
  return a === b || (!!a && !!b && a.isEqual(b));
}

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
