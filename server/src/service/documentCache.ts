/**
 * Parse once per (uri, version): features read the cached model; edits update it incrementally
 * (re-reading only the memos they touch), closes evict it.
 */
import { composeEdits, reparse, type TextEdit } from './parser/incremental';
import { LineIndex } from './parser/lineIndex';
import type { MemoModel } from './parser/model';
import { parseState, type ParseState } from './parser/parse';
import type { TextSource } from './parser/pieceText';

export type { TextEdit } from './parser/incremental';

/** The least a feature needs of a text document (vscode-languageserver-textdocument satisfies it). */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** A document that keeps its text as a source and a line index (MemoTextDocument): parsed without a copy. */
export interface SourceDocument extends TextDocumentLike {
  readonly source: TextSource;
  readonly lines: LineIndex;
}

function isSourceDocument(doc: TextDocumentLike): doc is SourceDocument {
  const d = doc as Partial<SourceDocument>;
  return d.source !== undefined && d.lines instanceof LineIndex;
}

interface Entry {
  version: number;
  /** The text the state was parsed from (compared by identity for sources, by value for strings). */
  source: TextSource;
  state: ParseState;
}

const derivedValues = new WeakMap<MemoModel, Map<unknown, unknown>>();

/**
 * A value computed from a model, kept as long as the model (one document version): VS Code asks
 * for the outline of one version several times (outline view, breadcrumbs, sticky scroll), and
 * 10,000 symbols take milliseconds to build. Use as `derived(model, documentSymbols)`.
 * Models are values (an edit makes a new one), so a cached result never goes stale.
 */
export function derived<T>(model: MemoModel, compute: (model: MemoModel) => T): T {
  let values = derivedValues.get(model);
  if (!values) {
    values = new Map();
    derivedValues.set(model, values);
  }
  if (!values.has(compute)) values.set(compute, compute(model));
  return values.get(compute) as T;
}

/** A cache of parses keyed by document URI, valid for one version of each document. */
export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  /** The model of a document's current version, parsing it if needed. */
  get(doc: TextDocumentLike): MemoModel {
    const entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version) return entry.state.model;
    if (isSourceDocument(doc)) {
      if (entry && entry.source === doc.source) {
        entry.version = doc.version;
        return entry.state.model;
      }
      const state = parseState(doc.source, doc.lines);
      this.entries.set(doc.uri, { version: doc.version, source: doc.source, state });
      return state.model;
    }
    const text = doc.getText();
    // Same text under a new version (e.g. a save round-trip) keeps the parse.
    if (entry && entry.source === text) {
      entry.version = doc.version;
      return entry.state.model;
    }
    const state = parseState(text);
    this.entries.set(doc.uri, { version: doc.version, source: text, state });
    return state.model;
  }

  /**
   * Brings the cached parse of `uri` from the text `before` to `after` (line index `lines`),
   * which `edits` made (applied in order, each in offsets of the text the previous one left).
   * When the cache holds no parse of `before`, it forgets the document: the next `get` parses.
   */
  update(uri: string, version: number, before: TextSource, after: TextSource, lines: LineIndex, edits: readonly TextEdit[]): void {
    const entry = this.entries.get(uri);
    if (!entry || entry.source !== before) {
      this.entries.delete(uri);
      return;
    }
    const change = composeEdits(edits);
    const state = change ? reparse(entry.state, after, lines, change.start, change.oldEnd, change.newEnd) : entry.state;
    this.entries.set(uri, { version, source: after, state });
  }

  /** Stores a model computed elsewhere. */
  set(uri: string, version: number, model: MemoModel): void {
    this.entries.set(uri, { version, source: model.text, state: { model, memoLines: [] } });
  }

  peek(uri: string): MemoModel | undefined {
    return this.entries.get(uri)?.state.model;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
