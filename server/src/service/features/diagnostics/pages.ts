/**
 * Page checks: `page-gap` (`[Page 508]` then `[Page 510]`) and `page-order` (backwards or
 * repeated), within each memo.
 *
 * Where a document starts is no error: FRUS documents begin mid-volume, so only the steps from
 * one marker to the next are checked. Arabic and roman pages are compared within their own
 * kind; the step from front matter (roman) to the body (arabic) is no error either. A page break
 * that falls inside a long footnote appears in the notes block, not the body: a body gap filled
 * by a marker in the notes is no gap. Markers of different memos pasted into one file are not
 * compared (they may come from different volumes).
 */
import type { Memo, MemoModel, PageMarker } from '../../parser/model';
import { numberToRoman, romanToNumber } from '../pages';
import { inNotes } from './text';
import type { Finding } from './types';

/** At most this many missing pages are named in a message. */
const NAMED = 3;

interface PageValue {
  kind: 'arabic' | 'roman';
  value: number;
  upper: boolean;
}

function valueOf(page: string): PageValue | null {
  if (/^\d+$/.test(page)) return { kind: 'arabic', value: Number(page), upper: false };
  const value = romanToNumber(page);
  // `[Page VX]` is no page number; mixed-case numerals are not printed either.
  if (value === null || numberToRoman(value) !== page.toLowerCase()) return null;
  return { kind: 'roman', value, upper: page === page.toUpperCase() };
}

function show(p: PageValue, value: number): string {
  return p.kind === 'arabic' ? String(value) : numberToRoman(value, p.upper);
}

export function checkPages(model: MemoModel): Finding[] {
  return model.memos.flatMap((memo) => checkMemoPages(memo));
}

function checkMemoPages(memo: Memo): Finding[] {
  const out: Finding[] = [];
  const body = memo.pageMarkers.filter((m) => !inNotes(memo, m.start));
  const inNotesBlock = memo.pageMarkers.filter((m) => inNotes(memo, m.start)).map((m) => m.page);
  let previous: { marker: PageMarker; value: PageValue } | null = null;
  for (const marker of body) {
    const value = valueOf(marker.page);
    if (!value) continue;
    if (previous && previous.value.kind === value.kind) {
      const a = previous.value.value;
      const b = value.value;
      const related = [{ span: previous.marker, message: `the previous marker, [Page ${previous.marker.page}]` }];
      if (b <= a) {
        out.push({
          code: 'page-order',
          message:
            b === a
              ? `[Page ${marker.page}] repeats the previous page marker.`
              : `[Page ${marker.page}] comes after [Page ${previous.marker.page}]: the pages run backwards.`,
          span: marker,
          related,
        });
      } else if (b > a + 1) {
        const missing: string[] = [];
        for (let v = a + 1; v < b; v++) {
          const page = show(value, v);
          if (!inNotesBlock.includes(page)) missing.push(page);
        }
        if (missing.length > 0) {
          const named = missing.length <= NAMED ? missing.join(', ') : `${missing.slice(0, NAMED).join(', ')} … (${missing.length} pages)`;
          out.push({
            code: 'page-gap',
            message: `${missing.length === 1 ? `Page ${named} is` : `Pages ${named} are`} missing between [Page ${previous.marker.page}] and [Page ${marker.page}].`,
            span: marker,
            related,
          });
        }
      }
    }
    previous = { marker, value };
  }
  return out;
}
