/** Folding: numbered points (label line to the end of the item), the notes block, and each multi-line note. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { MemoModel, Span } from '../parser/model';

export function foldingRanges(model: MemoModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (span: Span, kind?: FoldingRangeKind) => {
    const startLine = model.lines.positionAt(span.start).line;
    const endLine = model.lines.positionAt(span.end).line;
    if (endLine > startLine) out.push({ startLine, endLine, kind });
  };
  for (const memo of model.memos) {
    for (const point of memo.points) add(point, FoldingRangeKind.Region);
    if (memo.notesBlock) add(memo.notesBlock, FoldingRangeKind.Comment);
    for (const note of memo.notes) add(note);
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
