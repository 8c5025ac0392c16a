/**
 * One pass over a text for everything found inside lines: page markers, editorial brackets,
 * quotations and footnote-reference candidates.
 *
 * A sticky regular expression skips every character that cannot start one of them; the pass
 * stops only at `[`, digits, quotes and reference symbols. (Searching for `†` or `“` with
 * `indexOf` is slow on two-byte text — V8 looks for their 0x20 byte, which every space has —
 * so one skip over all of them beats a search for each.) At each stop a sticky pattern reads
 * what starts there, exactly as the line-by-line patterns (PAGE_MARKER, EDITORIAL, QUOTATION,
 * GLUED_REF, DATE_WITH_REF, YEAR_WITH_REF) would find it.
 */
import type { PageMarker, Span } from './model';
import { scanLabel, type RefCandidate } from './references';

/** Characters that start nothing: skipped in one go. */
const SKIP = /[^[0-9*\u2020\u2021\u00a7\u00b6“"]*/y;
const MARKER_AT = /\[Page ([0-9]{1,5}|[ivxlcdmIVXLCDM]{1,12})\]/y;
const EDITORIAL_AT = /\[[^[\]\n\r]{1,400}\]/y;
const CURLY_QUOTE_AT = /“[^“”\n\r]{0,2000}”/y;
const STRAIGHT_QUOTE_AT = /"[^"\n\r]{0,2000}"/y;

/** What a pass finds, each list in text order (document offsets). */
export interface Scan {
  markers: PageMarker[];
  insertions: Span[];
  quotations: Span[];
  candidates: RefCandidate[];
}

export function emptyScan(): Scan {
  return { markers: [], insertions: [], quotations: [], candidates: [] };
}

/**
 * Scans `src[from, to)` (from a line start to a line's end); `base` is the document offset of
 * `src[0]`. Results are appended to `out`.
 */
export function scanText(src: string, from: number, to: number, base: number, out: Scan): void {
  let i = from;
  // Quotations do not nest or overlap: a quote inside one found is not an opening one.
  let quotesFrom = from;
  while (i < to) {
    SKIP.lastIndex = i;
    SKIP.test(src);
    i = SKIP.lastIndex;
    if (i >= to) break;
    const c = src.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let q = i + 1;
      while (q < to) {
        const d = src.charCodeAt(q);
        if (d < 48 || d > 57) break;
        q++;
      }
      scanLabel(src, from, to, base, i, q, out.candidates);
      i = q;
    } else if (c === 91) {
      MARKER_AT.lastIndex = i;
      const m = MARKER_AT.exec(src);
      if (m !== null && MARKER_AT.lastIndex <= to) {
        out.markers.push({ start: base + i, end: base + MARKER_AT.lastIndex, page: m[1] });
        // Nothing inside a marker is a reference, a quotation or another bracket.
        i = MARKER_AT.lastIndex;
        continue;
      }
      EDITORIAL_AT.lastIndex = i;
      if (EDITORIAL_AT.test(src) && EDITORIAL_AT.lastIndex <= to) {
        out.insertions.push({ start: base + i, end: base + EDITORIAL_AT.lastIndex });
      }
      i++;
    } else if (c === 0x201c || c === 34) {
      if (i >= quotesFrom) {
        const re = c === 34 ? STRAIGHT_QUOTE_AT : CURLY_QUOTE_AT;
        re.lastIndex = i;
        if (re.test(src) && re.lastIndex <= to) {
          out.quotations.push({ start: base + i, end: base + re.lastIndex });
          quotesFrom = re.lastIndex;
        }
      }
      i++;
    } else {
      // A reference symbol.
      scanLabel(src, from, to, base, i, i + 1, out.candidates);
      i++;
    }
  }
}
