/**
 * `repeated-word`: a word written twice (“to be be excited”), the commonest slip of copying and
 * OCR. The two words may be parted by spaces, one line break (not a paragraph break), or a page
 * marker (`the [Page 5] the`): the printed page break is where a copyist most easily doubles a
 * word. Punctuation between them (“far, far higher”, “&c., &c.”) means the repeat is meant.
 *
 * Not reported:
 * - repeats English grammar makes: “had had” (past perfect of *have*), “that that” (conjunction
 *   and demonstrative: “he said that that was wrong”), “her her” (“gave her her passport”);
 * - emphatic and interjected doubling that records speech, common in memoranda of conversation
 *   and tape transcripts: “very very”, “many many”, “much much”, “far far”, “no no”, “yes yes”,
 *   “bye bye”, “ha ha”, “tut tut”;
 * - reduplicated proper names, both words capitalised: “Mau Mau”, “Pago Pago”, “Walla Walla”,
 *   “Sing Sing”, “Dum Dum” (while “The the” and “THE THE” are reported: function words are never
 *   names);
 * - a doubling already marked: “be be [sic]”;
 * - table rows (tab-separated cells repeat words legitimately).
 * “is is” is reported: outside a verbatim transcript it is a slip far more often than a
 * pseudo-cleft (“what it is is …”), and the setting can silence it.
 */
import type { MemoModel, Span } from '../../parser/model';
import { PAGE_MARKER } from '../../parser/patterns';
import type { Finding } from './types';

const GRAMMATICAL = new Set(['had', 'that', 'her', 'very', 'many', 'much', 'far', 'no', 'yes', 'bye', 'ha', 'tut']);

/** Words that are never (part of) a name: a capitalised doubling of one of them is still a slip. */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into', 'upon', 'and', 'or', 'but', 'nor',
  'as', 'if', 'than', 'then', 'so', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'it', 'its', 'this', 'these',
  'those', 'he', 'she', 'we', 'they', 'i', 'you', 'him', 'his', 'our', 'their', 'them', 'us', 'my', 'your', 'not', 'will',
  'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'has', 'have', 'do', 'does', 'did', 'which', 'who',
  'whom', 'whose', 'what', 'when', 'where', 'there', 'here', 'all', 'any', 'some', 'such',
]);

/** A word: letters, with inner apostrophes or hyphens (`Kennan’s`, `cease-fire`). */
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;

/** What may stand between the two words: spaces, one line break, or page markers. */
const SPACES = /^[ \u00a0]+$/;
const LINE_BREAK = /^[ \u00a0]*(?:\r\n|\n|\r)[ \u00a0]*$/;
const ACROSS_MARKER = new RegExp(`^[ \\u00a0]*(?:${PAGE_MARKER.source}[ \\u00a0]*)+$`);

const SIC_AFTER = /^[ \u00a0]*\[sic\]/i;

function capitalised(word: string): boolean {
  const first = word[0];
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

export function checkRepeatedWords(model: MemoModel): Finding[] {
  const out: Finding[] = [];
  const text = model.text;
  const markers = model.pageMarkers;
  const isTable = tableLines(model);
  let marker = 0;
  let previous: (Span & { word: string }) | null = null;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) !== null) {
    const current = { start: m.index, end: m.index + m[0].length, word: m[0] };
    // The `Page` and the numeral inside a marker are no words of the text.
    while (marker < markers.length && markers[marker].end <= current.start) marker++;
    if (marker < markers.length && markers[marker].start <= current.start) continue;
    if (previous && sameWord(previous.word, current.word)) {
      const gap = text.slice(previous.end, current.start);
      const acrossMarker = ACROSS_MARKER.test(gap);
      const parted = SPACES.test(gap) || acrossMarker || LINE_BREAK.test(gap);
      if (
        parted &&
        !meant(previous.word, current.word) &&
        !SIC_AFTER.test(text.slice(current.end, current.end + 12)) &&
        !isTable(previous.start) &&
        !isTable(current.start)
      ) {
        out.push({
          code: 'repeated-word',
          message: `“${current.word}” is repeated${acrossMarker ? ' across the page break' : ''}.`,
          span: { start: current.start, end: current.end },
          related: [{ span: { start: previous.start, end: previous.end }, message: `the first “${previous.word}”` }],
          data: { kind: 'repeated-word', first: { start: previous.start, end: previous.end }, second: { start: current.start, end: current.end } },
        });
      }
    }
    previous = current;
  }
  return out;
}

function sameWord(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}

/** Whether a doubling is English rather than a slip. */
function meant(first: string, second: string): boolean {
  const word = first.toLowerCase();
  if (GRAMMATICAL.has(word)) return true;
  // Mau Mau, Pago Pago: a reduplicated name. A capitalised function word is a sentence start.
  return capitalised(first) && capitalised(second) && !FUNCTION_WORDS.has(word);
}

/** Whether a line holds a tab (a table row), remembered per line: a long line is scanned once. */
function tableLines(model: MemoModel): (offset: number) => boolean {
  const known = new Map<number, boolean>();
  return (offset) => {
    const line = model.lines.lineAt(offset);
    let table = known.get(line);
    if (table === undefined) {
      table = model.lines.lineText(line).includes('\t');
      known.set(line, table);
    }
    return table;
  };
}
