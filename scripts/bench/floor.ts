/**
 * The floor: a single sticky-regex pass that finds every page marker, footnote reference, note
 * line and list-label line of a text — what any JavaScript scanner must at least do, with no
 * model built. The parse is measured against it.
 */

const LABEL = String.raw`(?:\d{1,3}[.)]|[A-Za-z][.)]|[ivxlcIVXLC]{1,6}[.)]|\((?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\)|\d{1,3}(?:st|nd|rd|th):)`;

// Skip what starts nothing, then: a page marker | a line start with a note number or a list
// label alone on the line | a reference glued to a letter or closing punctuation | one character.
// (Letters as Latin ranges: the `u` flag that `\p{L}` needs makes the pass twice as slow, and the
// floor is meant as the fastest honest pass.)
const FLOOR = new RegExp(
  String.raw`[^\n\[\d*\u2020\u2021\u00a7\u00b6]*(?:(\[Page [0-9ivxlcdmIVXLCDM]{1,12}\])|\n(?:( {2}\d{1,4}\. )|[ \t]*(${LABEL})[ \t]*(?=\r?\n|$))?|(?<=[A-Za-z\u00c0-\u024f.,;:!?)\]”’"'…])(\d{1,3}[a-z]?|[*\u2020\u2021\u00a7\u00b6])(?=[\s.,;:!?)\]”’"'—–…-]|$)|[\s\S])`,
  'y',
);

/** What the floor found: page markers, note lines, label lines, glued references. */
export interface FloorCounts {
  markers: number;
  notes: number;
  labels: number;
  refs: number;
}

export function floorScan(text: string): FloorCounts {
  const counts: FloorCounts = { markers: 0, notes: 0, labels: 0, refs: 0 };
  const re = FLOOR;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) {
    if (m[1] !== undefined) counts.markers++;
    else if (m[2] !== undefined) counts.notes++;
    else if (m[3] !== undefined) counts.labels++;
    else if (m[4] !== undefined) counts.refs++;
  }
  return counts;
}
