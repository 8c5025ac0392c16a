/** What footnote item (a reference or a note's label) lies at an offset: shared by definition, references, highlights and hover. */
import type { FootnoteRef, Memo, MemoModel, Note } from '../parser/model';
import { touches } from './ranges';

export interface FootnoteAt {
  memo: Memo;
  note: Note;
  /** The reference under the cursor, when the cursor is on a reference (not on the note). */
  ref: FootnoteRef | null;
}

/** The memo holding an offset. */
export function memoAt(model: MemoModel, offset: number): Memo | undefined {
  return model.memos.find((m) => offset >= m.start && offset <= m.end);
}

export function footnoteAt(model: MemoModel, offset: number): FootnoteAt | null {
  const memo = memoAt(model, offset);
  if (!memo) return null;
  for (const ref of memo.refs) {
    if (touches(ref, offset)) return { memo, note: memo.notes[ref.note], ref };
  }
  if (memo.notesBlock && offset >= memo.notesBlock.start) {
    for (const note of memo.notes) {
      // The whole note's first line up to the end of its label selects the note.
      if (offset >= note.start && offset <= note.labelSpan.end) return { memo, note, ref: null };
    }
  }
  return null;
}
