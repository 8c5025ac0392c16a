/** Printed pages: which page a position lies on, and page arithmetic for arabic and roman numbers. */
import type { MemoModel, PageMarker } from '../parser/model';

const ROMAN: Array<[string, number]> = [
  ['m', 1000], ['cm', 900], ['d', 500], ['cd', 400], ['c', 100], ['xc', 90],
  ['l', 50], ['xl', 40], ['x', 10], ['ix', 9], ['v', 5], ['iv', 4], ['i', 1],
];

export function romanToNumber(roman: string): number | null {
  let rest = roman.toLowerCase();
  let value = 0;
  for (const [symbol, n] of ROMAN) {
    while (rest.startsWith(symbol)) {
      value += n;
      rest = rest.slice(symbol.length);
    }
  }
  return rest.length === 0 && value > 0 ? value : null;
}

export function numberToRoman(value: number, upper = false): string {
  let out = '';
  for (const [symbol, n] of ROMAN) {
    while (value >= n) {
      out += symbol;
      value -= n;
    }
  }
  return upper ? out.toUpperCase() : out;
}

/** The page before a printed page (`508` -> `507`, `xii` -> `xi`), or null for the first. */
export function previousPage(page: string): string | null {
  if (/^\d+$/.test(page)) {
    const n = Number(page);
    return n > 1 ? String(n - 1) : null;
  }
  const n = romanToNumber(page);
  return n !== null && n > 1 ? numberToRoman(n - 1, page === page.toUpperCase()) : null;
}

/** The last marker at or before an offset, by binary search over the sorted markers. */
export function markerBefore(markers: PageMarker[], offset: number): number {
  let lo = 0;
  let hi = markers.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The printed page an offset lies on: the page of the last marker before it; text before the
 * first marker lies on the page before that marker. Null when the text has no markers.
 */
export function pageAtOffset(model: MemoModel, offset: number): string | null {
  const markers = model.pageMarkers;
  if (markers.length === 0) return null;
  const i = markerBefore(markers, offset);
  // A position inside a marker is already on its page: the marker opens it.
  if (i >= 0) return markers[i].page;
  return previousPage(markers[0].page);
}

/** The pages a span covers, first and last (equal when it stays on one page). */
export function pagesOfSpan(model: MemoModel, start: number, end: number): { first: string | null; last: string | null } {
  return { first: pageAtOffset(model, start), last: pageAtOffset(model, Math.max(start, end - 1)) };
}
