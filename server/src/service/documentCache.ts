/** Parse once per (uri, version): features read the cached model; edits replace it, closes evict it. */
import { parseMemo } from './parser/parse';
import type { MemoModel } from './parser/model';

/** The least a feature needs of a text document (vscode-languageserver-textdocument satisfies it). */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

interface Entry {
  version: number;
  text: string;
  model: MemoModel;
}

/** A cache of parses keyed by document URI, valid for one version of each document. */
export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  /** The model of a document's current version, parsing it if needed. */
  get(doc: TextDocumentLike): MemoModel {
    const entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version) return entry.model;
    const text = doc.getText();
    // Same text under a new version (e.g. a save round-trip) keeps the parse.
    if (entry && entry.text === text) {
      entry.version = doc.version;
      return entry.model;
    }
    const model = parseMemo(text);
    this.entries.set(doc.uri, { version: doc.version, text, model });
    return model;
  }

  /** Stores a model computed elsewhere (e.g. by an incremental update). */
  set(uri: string, version: number, model: MemoModel): void {
    this.entries.set(uri, { version, text: model.text, model });
  }

  peek(uri: string): MemoModel | undefined {
    return this.entries.get(uri)?.model;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
