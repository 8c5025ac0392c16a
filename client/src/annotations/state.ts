/**
 * The client's copy of the server's annotations, per document: filled by `memo/annotation/list`
 * and `listAll`, kept current by the server's `memo/annotation/changed` notifications. The
 * comment threads and the tree view draw from it; nothing here decides where a note lies.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  AnnotationsChangedNotification,
  ListAllAnnotationsRequest,
  ListAnnotationsRequest,
  type AnnotationListItem,
} from '../../../common/protocol';

/**
 * Wraps a command so a failure is reported to the user (in words) instead of rejecting into
 * VS Code's generic error toast; the command then answers undefined.
 */
export function guarded(report: (e: unknown) => void) {
  return <A extends unknown[]>(f: (...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      try {
        return await f(...args);
      } catch (e) {
        report(e);
        return undefined;
      }
    };
}

export interface DocumentAnnotations {
  uri: vscode.Uri;
  items: AnnotationListItem[];
  /** Why the document's annotations cannot be changed now. */
  readOnly?: string;
}

/** The tags of an annotation, from its tagging bodies. */
export function tagsOf(item: AnnotationListItem): string[] {
  return item.annotation.body.filter((b) => b.purpose === 'tagging').map((b) => b.value);
}

/** The note text of an annotation (its first body that is not a tag). */
export function textOf(item: AnnotationListItem): string {
  return item.annotation.body.find((b) => b.purpose !== 'tagging' && typeof b.value === 'string')?.value ?? '';
}

/** The quoted words of an annotation, or '' for a reply. */
export function quoteOf(item: AnnotationListItem): string {
  const target = item.annotation.target;
  if (typeof target !== 'object') return '';
  const q = target.selector.find((s) => s.type === 'TextQuoteSelector');
  return typeof q?.exact === 'string' ? q.exact : '';
}

export class AnnotationState implements vscode.Disposable {
  private readonly docs = new Map<string, DocumentAnnotations>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires with the document whose annotations changed, or undefined when all may have. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(readonly client: LanguageClient) {
    this.disposables.push(client.onNotification(AnnotationsChangedNotification, (p) => {
      this.set(vscode.Uri.parse(p.uri), p.items, p.readOnly);
    }));
  }

  /** The protocol's spelling of a URI. */
  uriString(uri: vscode.Uri): string {
    return this.client.code2ProtocolConverter.asUri(uri);
  }

  get(uri: vscode.Uri): DocumentAnnotations | undefined {
    return this.docs.get(uri.toString());
  }

  all(): DocumentAnnotations[] {
    return [...this.docs.values()].filter((d) => d.items.length > 0 || d.readOnly);
  }

  set(uri: vscode.Uri, items: AnnotationListItem[], readOnly?: string): void {
    this.docs.set(uri.toString(), { uri, items, ...(readOnly ? { readOnly } : {}) });
    this.changed.fire(uri);
  }

  /** Asks the server for one document's annotations. */
  async refresh(uri: vscode.Uri): Promise<DocumentAnnotations> {
    const items = await this.client.sendRequest(ListAnnotationsRequest, { textDocument: { uri: this.uriString(uri) } });
    const readOnly = this.get(uri)?.readOnly;
    this.set(uri, items, readOnly);
    return this.get(uri)!;
  }

  /** Asks the server for every annotated document of the workspace. */
  async refreshAll(): Promise<void> {
    const { documents } = await this.client.sendRequest(ListAllAnnotationsRequest, {});
    const seen = new Set<string>();
    for (const d of documents) {
      const uri = vscode.Uri.parse(d.uri);
      seen.add(uri.toString());
      this.docs.set(uri.toString(), { uri, items: d.items, ...(d.readOnly ? { readOnly: d.readOnly } : {}) });
    }
    for (const [key, d] of this.docs) if (!seen.has(key) && d.items.length > 0) this.docs.set(key, { uri: d.uri, items: [] });
    this.changed.fire(undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
