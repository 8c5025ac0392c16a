/** Document highlight: a reference and its note light up together. */
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import type { MemoModel } from '../parser/model';
import { footnoteAt } from './footnoteLinks';
import { toRange } from './ranges';

export function documentHighlights(model: MemoModel, offset: number): DocumentHighlight[] {
  const hit = footnoteAt(model, offset);
  if (!hit) return [];
  return [
    { range: toRange(model, hit.note.labelSpan), kind: DocumentHighlightKind.Write },
    ...hit.note.refs.map((i) => ({ range: toRange(model, hit.memo.refs[i]), kind: DocumentHighlightKind.Read })),
  ];
}
