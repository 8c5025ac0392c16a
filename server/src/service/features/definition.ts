/** Go to definition: from a footnote reference to its note (and from a note back to its first reference). */
import type { Location } from 'vscode-languageserver-types';
import type { MemoModel } from '../parser/model';
import { footnoteAt } from './footnoteLinks';
import { toRange } from './ranges';

export function definition(model: MemoModel, uri: string, offset: number): Location[] {
  const hit = footnoteAt(model, offset);
  if (!hit) return [];
  if (hit.ref) return [{ uri, range: toRange(model, hit.note.labelSpan) }];
  return hit.note.refs.map((i) => ({ uri, range: toRange(model, hit.memo.refs[i]) }));
}
