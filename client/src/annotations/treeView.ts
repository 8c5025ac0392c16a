/**
 * The "Annotations" view in the Explorer: every annotation of the workspace, grouped by
 * document and by tag, each with its printed page (`p. 508`); orphans in a group of their own.
 * A filter (a `#tag`, or words to find in quotes, notes and tags) narrows all groups.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AnnotationListItem } from '../../../common/protocol';
import { excerpt } from './comments';
import { quoteOf, tagsOf, textOf, type AnnotationState } from './state';

type Node =
  | { kind: 'group'; group: 'documents' | 'tags' | 'orphans' }
  | { kind: 'document'; uri: vscode.Uri }
  | { kind: 'tag'; tag: string }
  | { kind: 'note'; uri: vscode.Uri; item: AnnotationListItem };

export const VIEW_ID = 'memo.annotations';

export class AnnotationTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filter = '';
  readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly state: AnnotationState) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, state.onDidChange(() => this.changed.fire(undefined)));
  }

  /** Sets the filter ('' clears it): `#tag` keeps notes with that tag, other words search quotes, notes and tags. */
  setFilter(query: string): void {
    this.filter = query.trim();
    this.view.description = this.filter ? `filter: ${this.filter}` : undefined;
    this.view.message = undefined;
    this.changed.fire(undefined);
  }

  get filterText(): string {
    return this.filter;
  }

  /** The notes shown now (roots only, replies count with their note), for commands and tests. */
  notes(): Array<{ uri: vscode.Uri; item: AnnotationListItem }> {
    return this.state.all().flatMap((d) => d.items.filter((i) => !i.replyTo && this.matches(d.items, i)).map((item) => ({ uri: d.uri, item })));
  }

  private matches(all: AnnotationListItem[], item: AnnotationListItem): boolean {
    if (!this.filter) return true;
    const tags = tagsOf(item).map((t) => t.toLowerCase());
    if (/^#\S+$/.test(this.filter)) return tags.includes(this.filter.slice(1).toLowerCase());
    const q = this.filter.toLowerCase();
    const replies = all.filter((r) => r.replyTo === item.annotation.id).map(textOf);
    return [quoteOf(item), textOf(item), ...tags, ...replies].some((s) => s.toLowerCase().includes(q));
  }

  getChildren(node?: Node): Node[] {
    const notes = this.notes();
    if (!node) {
      if (notes.length === 0) {
        this.view.message = this.filter ? `No annotation matches “${this.filter}”.` : 'No annotations yet: select words in a memo and run “Add Note”.';
        return [];
      }
      this.view.message = undefined;
      const groups: Node[] = [{ kind: 'group', group: 'documents' }];
      if (notes.some((n) => tagsOf(n.item).length > 0)) groups.push({ kind: 'group', group: 'tags' });
      if (notes.some((n) => n.item.status === 'orphaned')) groups.push({ kind: 'group', group: 'orphans' });
      return groups;
    }
    if (node.kind === 'group' && node.group === 'documents') {
      const uris = new Map<string, vscode.Uri>();
      for (const n of notes) uris.set(n.uri.toString(), n.uri);
      return [...uris.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((uri) => ({ kind: 'document', uri }));
    }
    if (node.kind === 'group' && node.group === 'tags') {
      const tags = new Map<string, string>();
      for (const n of notes) for (const t of tagsOf(n.item)) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
      return [...tags.values()].sort((a, b) => a.localeCompare(b)).map((tag) => ({ kind: 'tag', tag }));
    }
    if (node.kind === 'group') return notes.filter((n) => n.item.status === 'orphaned').map((n) => ({ kind: 'note', ...n }));
    if (node.kind === 'document') return notes.filter((n) => n.uri.toString() === node.uri.toString()).map((n) => ({ kind: 'note', ...n }));
    if (node.kind === 'tag') {
      return notes.filter((n) => tagsOf(n.item).some((t) => t.toLowerCase() === node.tag.toLowerCase())).map((n) => ({ kind: 'note', ...n }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const notes = this.notes();
    switch (node.kind) {
      case 'group': {
        const label = { documents: 'By document', tags: 'By tag', orphans: 'Orphaned' }[node.group];
        const item = new vscode.TreeItem(label, node.group === 'orphans' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Expanded);
        if (node.group === 'orphans') item.tooltip = 'Notes whose passage was not found in the current text: select the passage and run “Re-attach Note”.';
        return item;
      }
      case 'document': {
        const item = new vscode.TreeItem(path.basename(node.uri.fsPath), vscode.TreeItemCollapsibleState.Expanded);
        const folder = vscode.workspace.asRelativePath(path.dirname(node.uri.fsPath));
        const count = notes.filter((n) => n.uri.toString() === node.uri.toString()).length;
        item.description = `${folder === path.dirname(node.uri.fsPath) ? '' : folder} (${count})`.trim();
        item.resourceUri = node.uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'memoAnnotatedDocument';
        return item;
      }
      case 'tag': {
        const item = new vscode.TreeItem(`#${node.tag}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = String(notes.filter((n) => tagsOf(n.item).some((t) => t.toLowerCase() === node.tag.toLowerCase())).length);
        item.iconPath = new vscode.ThemeIcon('tag');
        return item;
      }
      case 'note': {
        const { item: note, uri } = node;
        const page = note.page ? (/[–-]/.test(note.page) ? `pp. ${note.page}` : `p. ${note.page}`) : '';
        const item = new vscode.TreeItem(`“${excerpt(quoteOf(note), 50)}”`, vscode.TreeItemCollapsibleState.None);
        item.description = [page, excerpt(textOf(note), 60)].filter(Boolean).join(' · ');
        const status = note.status === 'moved' ? `\n\n_Moved (${Math.round(note.confidence * 100)}%): ${note.reason ?? 'check the passage'}_`
          : note.status === 'orphaned' ? `\n\n_Orphaned: ${note.reason ?? 'the passage was not found'}_` : '';
        item.tooltip = new vscode.MarkdownString(`> ${excerpt(quoteOf(note), 400)}\n\n${textOf(note)}${tagsOf(note).length ? `\n\n${tagsOf(note).map((t) => `#${t}`).join(' ')}` : ''}${status}`);
        item.iconPath = new vscode.ThemeIcon(note.status === 'orphaned' ? 'debug-disconnect' : note.status === 'moved' ? 'warning' : note.annotation['memo:resolved'] ? 'pass' : 'comment');
        item.contextValue = `memoAnnotation;${note.status}`;
        item.command = { command: 'memo.annotations.reveal', title: 'Show the passage', arguments: [{ uri: uri.toString(), id: note.annotation.id }] };
        return item;
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
