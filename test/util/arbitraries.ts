/**
 * fast-check arbitraries for memo-like text: random mixes of the pieces a memo is made of (page
 * markers, note lines, labels, glued references, dates, file numbers, brackets, quotes, line
 * breaks of every kind, a byte-order mark, astral characters) and random edits of them.
 */
import fc from 'fast-check';
import { corpusDocuments } from './corpus';

/** Fragments that exercise the parser's rules; joined at random they make hostile memos. */
export const FRAGMENTS = [
  '\n', '\n\n', '\r\n', '\r', ' ', '  ', '   ', '\t', '1', '2', '12', '313', '19515', '3.', '  1. ', '  2. ', '  3. ',
  '[Page 5]', '[Page xii]', '\n[Page 9]\n', '[', ']', '[sic]', '[Extract.]', '“', '”', '"', '‘', '’', 'a', 'Z', 'The ',
  '.', ',', ':', ';', '*', '†', '‡', '§', '¶', 'July ', 'May 17, 1951', 'Dec. 142', '9', '0', '(a)', 'iv.', '1st:', '5)',
  '\ufeff', '\u00a0', '\u2028', '𝐀', '😀', 'é', 'File No. 711.00/1', '795.00/5–2551', 'S/P Files: Lot 64 D 563',
  'secret   priority', 'Washington, May 5, 1951.', 'Legation,', '[Received May 6.]', '—', '–', '…', 'x', 'word',
  '1. The ', '(b) The ', '\n\n795.00/5–2551\n\n', 'Mr. Matthews.1 ', 'Nanking.65 ', '1856.1 The',
];

/** Memo-like text: up to `max` fragments and random strings. */
export function memoText(max = 80): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: 'binary' }) }), { maxLength: max })
    .map((parts) => parts.join(''));
}

/** The corpus texts (both renderings and the seed), and a few of them pasted into one file. */
export function corpusTexts(): string[] {
  const texts = corpusDocuments().map((d) => d.text);
  return [...texts, texts.slice(0, 5).join('\n\n'), texts.slice(40, 46).join('\n')];
}

/** An edit as [position (any natural, taken modulo the length + 1), deleted length, inserted text]. */
export type RawEdit = [number, number, string];

export function edits(maxEdits = 5): fc.Arbitrary<RawEdit[]> {
  return fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), memoText(6)), { minLength: 1, maxLength: maxEdits });
}

/** The offsets of a raw edit in a text of `length` characters. */
export function place(edit: RawEdit, length: number): { start: number; end: number; text: string } {
  const start = edit[0] % (length + 1);
  return { start, end: Math.min(length, start + edit[1]), text: edit[2] };
}

/** Whole lines of notes blocks, memo heads and body text, in any order: memo boundaries move a lot. */
export const LINES = [
  '', '', '\n', '\n\n', '  1. One.\n  2. Two.', '  1. One.', '  2. Two.', '  3. Three.', '  5. Five.', '   A continuation.',
  '795.00/5–2551', 'Title of a memo1', 'Body text.2', '[Page 7]', '1.', 'Washington, May 5, 1951.', 'secret', '\ufeff', 'Closing,',
];

/** Memo-like text made of whole lines (joined by `\n`, sometimes `\r\n`). */
export function lineText(max = 40): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.constantFrom(...LINES), { maxLength: max }), fc.boolean())
    .map(([lines, crlf]) => lines.join(crlf ? '\r\n' : '\n'));
}

/** Edits that insert or replace whole lines of LINES. */
export function lineEdits(maxEdits = 3): fc.Arbitrary<RawEdit[]> {
  const insert = fc.array(fc.constantFrom(...LINES), { minLength: 0, maxLength: 3 }).map((lines) => lines.map((l) => `${l}\n`).join(''));
  return fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), insert), { minLength: 1, maxLength: maxEdits });
}

/** A line edit placed on whole lines of `text`: replaces `edit[1] % 4` lines from line `edit[0]`. */
export function placeLines(edit: RawEdit, text: string): { start: number; end: number; text: string } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const first = edit[0] % starts.length;
  const last = Math.min(starts.length, first + (edit[1] % 4));
  return { start: starts[first], end: last < starts.length ? starts[last] : text.length, text: edit[2] };
}
