/**
 * The server's text documents: the text kept in pieces (an edit copies a few kilobytes, not the
 * volume) with an incrementally updated line index, and every change handed to the parse cache
 * so the model follows the edit without a full parse.
 *
 * The standard TextDocument rebuilds its string on each edit (`a.slice + text + a.slice`), and
 * the first read afterwards flattens that rope: a one-character edit of a 5 MB volume then costs
 * milliseconds of copying before any parsing starts.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { DocumentCache, TextEdit } from './documentCache';
import { LineIndex } from './parser/lineIndex';
import { PieceText } from './parser/pieceText';

/** A text document whose text is a PieceText; satisfies vscode-languageserver-textdocument's TextDocument. */
export class MemoTextDocument implements TextDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    private _source: PieceText,
    private _lines: LineIndex = new LineIndex(_source),
  ) {}

  get version(): number {
    return this._version;
  }

  /** The text, in pieces. */
  get source(): PieceText {
    return this._source;
  }

  /** The line index, shared with the document's parse. */
  get lines(): LineIndex {
    return this._lines;
  }

  get lineCount(): number {
    return this._lines.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this._source.toString();
    const { start, end } = ordered(range);
    return this._source.slice(this.offsetAt(start), this.offsetAt(end));
  }

  positionAt(offset: number): Position {
    return this._lines.positionAt(Number.isFinite(offset) ? offset : 0);
  }

  offsetAt(position: Position): number {
    return this._lines.offsetAt(position);
  }

  getLineRange(line: number): Range {
    const count = this._lines.lineCount;
    const l = Math.max(0, Math.min(Math.floor(line), count - 1));
    if (line >= count) {
      const end = this._lines.positionAt(this._source.length);
      return { start: { line: end.line, character: 0 }, end };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { start: { line: l, character: 0 }, end: { line: l, character: this._lines.lineEnd(l) - this._lines.starts[l] } };
  }

  getEOLCharacters(line: number): string {
    if (!(line >= 0 && line < this._lines.lineCount)) return '';
    const l = Math.floor(line);
    const next = l + 1 < this._lines.lineCount ? this._lines.starts[l + 1] : this._source.length;
    return this._source.slice(this._lines.lineEnd(l), next);
  }

  /**
   * Applies LSP content changes in order (each in positions of the text the previous one left),
   * and returns the edits made, in offsets (null when a change replaced the whole text).
   */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): TextEdit[] | null {
    let edits: TextEdit[] | null = [];
    for (const change of changes) {
      if ('range' in change && change.range) {
        const { start, end } = ordered(change.range);
        const s = this._lines.offsetAt(start);
        const e = Math.max(s, this._lines.offsetAt(end));
        const text = typeof change.text === 'string' ? change.text : '';
        const source = this._source.edit(s, e, text);
        this._lines = this._lines.edit(source, s, e, text);
        this._source = source;
        edits?.push({ start: s, end: e, text });
      } else {
        const text = typeof change.text === 'string' ? change.text : '';
        this._source = PieceText.of(text);
        this._lines = new LineIndex(this._source);
        edits = null;
      }
    }
    this._version = version;
    return edits;
  }
}

function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/**
 * The TextDocuments configuration of the server: MemoTextDocuments whose edits keep `cache`'s
 * parse current. Use as `new TextDocuments(memoDocuments(cache))`.
 */
export function memoDocuments(cache: DocumentCache): {
  create(uri: string, languageId: string, version: number, content: string): TextDocument;
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument;
} {
  return {
    create(uri, languageId, version, content) {
      // A reopened document starts afresh.
      cache.delete(uri);
      return new MemoTextDocument(uri, languageId, version, PieceText.of(typeof content === 'string' ? content : ''));
    },
    update(document, changes, version) {
      if (!(document instanceof MemoTextDocument)) throw new Error('memoDocuments: not a MemoTextDocument');
      const before = document.source;
      const edits = document.applyChanges(changes, version);
      if (edits) cache.update(document.uri, version, before, document.source, document.lines, edits);
      else cache.delete(document.uri);
      return document;
    },
  };
}
