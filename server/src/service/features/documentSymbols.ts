/**
 * The outline: one root per memo (its title), with the printed pages, the numbered points and
 * the notes as children in document order. The entry names are an interface other editors and
 * tests rely on: `Page N`, `L first words…`, `Footnote L: first words…`, and the title text.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Memo, MemoModel } from '../parser/model';
import { toRange } from './ranges';

const NOTE_WORDS = 6;

function noteSummary(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const head = words.slice(0, NOTE_WORDS).join(' ');
  return words.length > NOTE_WORDS ? `${head}…` : head;
}

function memoChildren(model: MemoModel, memo: Memo): Array<{ start: number; symbol: DocumentSymbol }> {
  const children: Array<{ start: number; symbol: DocumentSymbol }> = [];
  for (const marker of memo.pageMarkers) {
    const range = toRange(model, marker);
    children.push({
      start: marker.start,
      symbol: { name: `Page ${marker.page}`, kind: SymbolKind.Number, range, selectionRange: range },
    });
  }
  for (const point of memo.points) {
    // `1. The …` paragraphs stay out of the outline: only list labels on their own line are points.
    if (point.inline) continue;
    children.push({
      start: point.start,
      symbol: {
        name: point.firstWords ? `${point.label} ${point.firstWords}` : point.label,
        kind: SymbolKind.EnumMember,
        range: toRange(model, point),
        selectionRange: toRange(model, point.labelSpan),
      },
    });
  }
  for (const note of memo.notes) {
    children.push({
      start: note.start,
      symbol: {
        name: `Footnote ${note.label}: ${noteSummary(note.text)}`,
        kind: SymbolKind.String,
        range: toRange(model, note),
        selectionRange: toRange(model, note.labelSpan),
      },
    });
  }
  return children.sort((a, b) => a.start - b.start);
}

/** The hierarchical outline of a memo model. */
export function documentSymbols(model: MemoModel): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  for (const memo of model.memos) {
    const children = memoChildren(model, memo).map((c) => c.symbol);
    if (memo.title) {
      roots.push({
        name: memo.title.text || 'Untitled memo',
        detail: memo.fileNumber?.text,
        kind: SymbolKind.File,
        range: toRange(model, memo),
        selectionRange: toRange(model, memo.title),
        children,
      });
    } else {
      roots.push(...children);
    }
  }
  return roots;
}
