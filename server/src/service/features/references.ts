/** Find references: every reference to a note, from the note or from any of its references. */
import type { Location } from 'vscode-languageserver-types';
import type { MemoModel } from '../parser/model';
import { footnoteAt } from './footnoteLinks';
import { toRange } from './ranges';

export function references(model: MemoModel, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const hit = footnoteAt(model, offset);
  if (!hit) return [];
  const out: Location[] = hit.note.refs.map((i) => ({ uri, range: toRange(model, hit.memo.refs[i]) }));
  if (includeDeclaration) out.push({ uri, range: toRange(model, hit.note.labelSpan) });
  return out;
}
