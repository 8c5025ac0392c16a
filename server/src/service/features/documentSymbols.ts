/**
 * The outline: one root per memo (its title), with the printed pages, the numbered points and
 * the notes as children in document order. The entry names are an interface other editors and
 * tests rely on: `Page N`, `L first words…`, `Footnote L: first words…`, and the title text.
 *
 * An opt-in nested form (`documentSymbolsByPage`) puts each page's points and notes under its
 * `Page N` entry, whose range then spans the page, so breadcrumbs read title › page › point.
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

/**
 * Puts each page's entries under its `Page N` entry, which then spans the page (to the next
 * marker or the memo's end); entries before the first marker stay where they are.
 */
function nestByPage(model: MemoModel, memo: Memo, children: Array<{ start: number; symbol: DocumentSymbol }>): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const markers = memo.pageMarkers;
  let next = 0;
  let page: DocumentSymbol | null = null;
  let pageStart = 0;
  let pageEnd = 0;
  const close = () => {
    if (page) page.range = toRange(model, { start: pageStart, end: pageEnd });
  };
  for (const { start, symbol } of children) {
    if (next < markers.length && start === markers[next].start && symbol.kind === SymbolKind.Number) {
      close();
      pageStart = start;
      pageEnd = next + 1 < markers.length ? markers[next + 1].start : memo.end;
      page = { ...symbol, children: [] };
      out.push(page);
      next++;
    } else if (page) {
      page.children!.push(symbol);
      // A point that runs on over the next marker still belongs to the page it begins on; the
      // page's range grows to hold it, as a parent's range must.
      pageEnd = Math.max(pageEnd, model.lines.offsetAt(symbol.range.end));
    } else out.push(symbol);
  }
  close();
  return out;
}

function outline(model: MemoModel, byPage: boolean): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  for (const memo of model.memos) {
    const entries = memoChildren(model, memo);
    const children = byPage ? nestByPage(model, memo, entries) : entries.map((c) => c.symbol);
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

/** The hierarchical outline of a memo model: the title, then pages, points and notes as its children. */
export function documentSymbols(model: MemoModel): DocumentSymbol[] {
  return outline(model, false);
}

/** The outline nested by printed page (opt-in): breadcrumbs then read title › page › point. */
export function documentSymbolsByPage(model: MemoModel): DocumentSymbol[] {
  return outline(model, true);
}
