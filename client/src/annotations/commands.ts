/**
 * Annotation commands of the palette, the editor menu and the Annotations view. Each accepts
 * its inputs as an argument object (so tests and keybindings run it without prompts) and asks
 * the user only for what was not given.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  AddAnnotationRequest,
  ExportAnnotationsRequest,
  ImportAnnotationsRequest,
  UpdateAnnotationRequest,
  type AnnotationListItem,
} from '../../../common/protocol';
import { excerpt, type AnnotationThreads } from './comments';
import { guarded, quoteOf, type AnnotationState } from './state';
import { splitTags } from './tags';
import type { AnnotationTree } from './treeView';

type UriLike = vscode.Uri | string;
type RangeLike = vscode.Range | { start: { line: number; character: number }; end: { line: number; character: number } };

export interface AddNoteArgs {
  uri?: UriLike;
  range?: RangeLike;
  /** The note in Markdown; `#tags` in it become tags unless `tags` is given. */
  text?: string;
  tags?: string[];
}

const toUri = (u: UriLike): vscode.Uri => (typeof u === 'string' ? vscode.Uri.parse(u) : u);
const toRange = (r: RangeLike): vscode.Range => (r instanceof vscode.Range ? r : new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
const info = (message: string) => void vscode.window.showInformationMessage(message);

export function annotationCommands(client: LanguageClient, state: AnnotationState, threads: AnnotationThreads, tree: AnnotationTree, report: (e: unknown) => void): vscode.Disposable[] {
  const textDocument = (uri: vscode.Uri) => ({ uri: state.uriString(uri) });
  const run = guarded(report);
  const activeMemo = () => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.languageId === 'memo' ? e : undefined;
  };
  const editorFor = (uri: vscode.Uri) => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());

  /** Resolves a note given as a thread, a tree node or `{ uri, id }`. */
  const noteArg = (arg: unknown): { uri: vscode.Uri; id: string } | undefined => {
    if (!arg || typeof arg !== 'object') return undefined;
    const a = arg as { uri?: UriLike; id?: unknown; item?: AnnotationListItem; comments?: unknown };
    if ('comments' in a && a.uri instanceof vscode.Uri) {
      const id = threads.rootOf(arg as vscode.CommentThread);
      return id ? { uri: a.uri, id } : undefined;
    }
    if (a.item && a.uri) return { uri: toUri(a.uri), id: a.item.annotation.id };
    if (typeof a.id === 'string' && a.uri) return { uri: toUri(a.uri), id: a.id };
    return undefined;
  };

  return [
    vscode.commands.registerCommand('memo.annotations.addNote', run(async (arg?: AddNoteArgs | vscode.Uri) => {
      const args: AddNoteArgs = arg instanceof vscode.Uri ? { uri: arg } : arg ?? {};
      const editor = args.uri ? editorFor(toUri(args.uri)) : activeMemo();
      const uri = args.uri ? toUri(args.uri) : editor?.document.uri;
      const range = args.range ? toRange(args.range) : editor?.selection;
      if (!uri || !range || range.isEmpty) {
        info('Select the words to annotate in a memo first, then run “Add Note”.');
        return undefined;
      }
      let body = { text: args.text ?? '', tags: args.tags ?? [] };
      if (args.text === undefined) {
        const quote = editor ? excerpt(editor.document.getText(range), 40) : '';
        const typed = await vscode.window.showInputBox({ title: `Note on “${quote}”`, prompt: 'Markdown; type #tags to tag the passage', placeHolder: 'Kennan hedges here. #korea #ceasefire' });
        if (typed === undefined) return undefined;
        body = splitTags(typed);
      } else if (args.tags === undefined) body = splitTags(args.text);
      const added = await client.sendRequest(AddAnnotationRequest, { textDocument: textDocument(uri), range: client.code2ProtocolConverter.asRange(range), body });
      await state.refresh(uri);
      return added;
    })),

    vscode.commands.registerCommand('memo.annotations.exportMarkdown', run((arg?: ExportArgs) => exportAnnotations('markdown', arg))),
    vscode.commands.registerCommand('memo.annotations.exportJsonLd', run((arg?: ExportArgs) => exportAnnotations('jsonld', arg))),

    vscode.commands.registerCommand('memo.annotations.import', run(async (arg?: { uri?: UriLike; file?: UriLike; collection?: unknown }) => {
      const uri = arg?.uri ? toUri(arg.uri) : activeMemo()?.document.uri;
      if (!uri) {
        info('Open the memo to import annotations into, then run “Import Annotations”.');
        return undefined;
      }
      let collection = arg?.collection;
      if (collection === undefined) {
        const file = arg?.file ? toUri(arg.file) : await pickImportFile();
        if (!file) return undefined;
        const raw = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
        try {
          collection = JSON.parse(raw);
        } catch (e) {
          void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(file)} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      }
      const result = await client.sendRequest(ImportAnnotationsRequest, { textDocument: textDocument(uri), collection });
      await state.refresh(uri);
      const skipped = result.skipped.length ? ` ${result.skipped.length} skipped: ${result.skipped[0].reason}${result.skipped.length > 1 ? ' …' : ''}` : '';
      info(`Imported ${result.imported} annotation${result.imported === 1 ? '' : 's'}${result.unchanged ? `, ${result.unchanged} already present` : ''}.${skipped}`);
      return result;
    })),

    vscode.commands.registerCommand('memo.annotations.reattach', run(async (arg?: unknown, rangeArg?: RangeLike) => {
      let note = noteArg(arg);
      const explicit = (arg as { range?: RangeLike } | undefined)?.range ?? rangeArg;
      if (!note) {
        const editor = activeMemo();
        if (!editor) {
          info('Open a memo with an orphaned note, select the passage, then run “Re-attach Note”.');
          return undefined;
        }
        const lost = (state.get(editor.document.uri)?.items ?? []).filter((i) => !i.replyTo && i.status !== 'anchored');
        if (lost.length === 0) {
          info('No orphaned or moved notes in this memo.');
          return undefined;
        }
        const pick = await vscode.window.showQuickPick(lost.map((i) => ({ label: `“${excerpt(quoteOf(i), 60)}”`, description: i.status, id: i.annotation.id })), { title: 'Re-attach which note to the selection?' });
        if (!pick) return undefined;
        note = { uri: editor.document.uri, id: pick.id };
      }
      const range = explicit ? toRange(explicit) : editorFor(note.uri)?.selection;
      if (!range || range.isEmpty) {
        info('Select the passage to attach the note to in the editor, then run “Re-attach Note” again.');
        return undefined;
      }
      const updated = await client.sendRequest(UpdateAnnotationRequest, { textDocument: textDocument(note.uri), id: note.id, range: client.code2ProtocolConverter.asRange(range) });
      await state.refresh(note.uri);
      return updated;
    })),

    vscode.commands.registerCommand('memo.annotations.acceptPosition', run(async (arg?: unknown) => {
      const note = noteArg(arg);
      const item = note ? state.get(note.uri)?.items.find((i) => i.annotation.id === note.id) : undefined;
      if (!note || !item?.range) return undefined;
      const updated = await client.sendRequest(UpdateAnnotationRequest, { textDocument: textDocument(note.uri), id: note.id, range: item.range });
      await state.refresh(note.uri);
      return updated;
    })),

    vscode.commands.registerCommand('memo.annotations.reveal', run(async (arg?: { uri?: UriLike; id?: string }) => {
      const note = noteArg(arg);
      if (!note) return undefined;
      const editor = await vscode.window.showTextDocument(note.uri, { preview: true });
      const item = state.get(note.uri)?.items.find((i) => i.annotation.id === note.id);
      if (item?.range) {
        const range = client.protocol2CodeConverter.asRange(item.range);
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        const thread = threads.thread(note.uri, item.replyTo ?? note.id);
        if (thread) thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      } else if (item) info('This note is orphaned: select its passage and run “Re-attach Note”.');
      return undefined;
    })),

    vscode.commands.registerCommand('memo.annotations.filter', run(async (query?: string) => {
      const q = typeof query === 'string' ? query : await vscode.window.showInputBox({ title: 'Filter annotations', prompt: '#tag, or words to find in quotes, notes and tags', value: tree.filterText });
      if (q === undefined) return undefined;
      tree.setFilter(q);
      return tree.notes().length;
    })),
    vscode.commands.registerCommand('memo.annotations.clearFilter', () => tree.setFilter('')),
    vscode.commands.registerCommand('memo.annotations.refresh', run(() => state.refreshAll())),
    // Not contributed: lets tests see the comment threads, which the API does not list.
    vscode.commands.registerCommand('memo.annotations._threads', (uri: UriLike) => threads.describe(toUri(uri))),
  ];

  interface ExportArgs {
    scope?: 'document' | 'workspace';
    uri?: UriLike;
    /** Where to write; without it (and with other arguments) the content is only returned. */
    target?: UriLike;
  }

  async function exportAnnotations(format: 'markdown' | 'jsonld', arg?: ExportArgs): Promise<{ content: string; count: number } | undefined> {
    const docUri = arg?.uri ? toUri(arg.uri) : activeMemo()?.document.uri;
    let scope = arg?.scope;
    if (!scope) {
      if (!docUri) scope = 'workspace';
      else {
        const pick = await vscode.window.showQuickPick([
          { label: 'This document', scope: 'document' as const },
          { label: 'Whole workspace', scope: 'workspace' as const },
        ], { title: `Export annotations (${format === 'markdown' ? 'Markdown' : 'W3C JSON-LD'})` });
        if (!pick) return undefined;
        scope = pick.scope;
      }
    }
    if (scope === 'document' && !docUri) {
      info('Open a memo to export its annotations.');
      return undefined;
    }
    const result = await client.sendRequest(ExportAnnotationsRequest, scope === 'workspace' ? { all: true, format } : { textDocument: textDocument(docUri!), format });
    if (arg?.target) {
      await vscode.workspace.fs.writeFile(toUri(arg.target), new TextEncoder().encode(result.content));
      return result;
    }
    if (arg) return result;
    const where = await vscode.window.showQuickPick([
      { label: 'Open in an editor', id: 'open' },
      { label: 'Save to a file…', id: 'save' },
      { label: 'Copy to the clipboard', id: 'copy' },
    ], { title: `${result.count} annotation${result.count === 1 ? '' : 's'}: where to?` });
    if (!where) return undefined;
    if (where.id === 'copy') {
      await vscode.env.clipboard.writeText(result.content);
      info(`Copied ${result.count} annotation${result.count === 1 ? '' : 's'}.`);
    } else if (where.id === 'open') {
      const doc = await vscode.workspace.openTextDocument({ language: format === 'markdown' ? 'markdown' : 'json', content: result.content });
      await vscode.window.showTextDocument(doc);
    } else {
      const base = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = format === 'markdown' ? 'annotations.md' : 'annotations.jsonld';
      const target = await vscode.window.showSaveDialog({ defaultUri: base ? vscode.Uri.joinPath(base, name) : undefined, filters: format === 'markdown' ? { Markdown: ['md'] } : { 'JSON-LD': ['jsonld', 'json'] } });
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
    }
    return result;
  }

  async function pickImportFile(): Promise<vscode.Uri | undefined> {
    const found = (await vscode.workspace.findFiles('**/*.{json,jsonld}', '**/node_modules/**', 200))
      .filter((u) => !u.path.endsWith('.annotations.json') && !u.path.endsWith('package.json'));
    const browse = { label: 'Browse…', uri: undefined as vscode.Uri | undefined };
    const pick = await vscode.window.showQuickPick([...found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), browse],
      { title: 'Import a W3C annotation collection (JSON-LD)' });
    if (!pick) return undefined;
    if (pick.uri) return pick.uri;
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'W3C annotations': ['jsonld', 'json'] } });
    return chosen?.[0];
  }
}
