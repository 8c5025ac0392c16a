/**
 * `unbalanced-quote`: a quotation opened and not closed, or closed without being opened.
 *
 * - Typographic double quotes pair within a paragraph, except that a quotation running over
 *   several paragraphs opens each with “ and closes only the last (the rule FRUS follows, as
 *   printers do): a paragraph left open is no error when the next paragraph (page markers and
 *   list labels aside) opens with “.
 * - Straight double quotes pair the same way; one after a digit (`12"`, inches) or standing
 *   alone between spaces (a ditto mark), and those of table rows, are left alone.
 * - ’ is also the apostrophe (`Kennan’s`, `Soviets’`, `’50s`), so only an opening ‘ is checked:
 *   it must be closed in its paragraph by a ’ that is not inside a word. A lone ’ is never
 *   reported, nor are straight single quotes (`peoples' greatness`, `'40s`).
 * A quotation does not run from the body into the notes, nor from one note into the next.
 */
import type { MemoModel, Span } from '../../parser/model';
import { memoLines, withoutMarkers, type TextLine } from './text';
import type { Finding } from './types';

/** What may come before a continuing paragraph's opening quote: indentation, an inline label, a bullet. */
const LEAD = /^\s*(?:(?:\d{1,3}\.|\((?:\d{1,3}|[a-z])\)|•)\s+)?/;

interface Open {
  at: number;
  /** Where the quotation's first paragraph opened it (differs from `at` once it continues). */
  first: number;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\d]/u.test(c);

export function checkQuotes(model: MemoModel): Finding[] {
  const out: Finding[] = [];
  for (const memo of model.memos) {
    const lines = memoLines(model, memo).filter((l) => l.kind !== 'marker' && l.kind !== 'label');
    let curly: Open[] = [];
    let straight: Open | null = null;
    lines.forEach((line, index) => {
      const text = withoutMarkers(line.text, line.start, line.markers);
      const lead = LEAD.exec(text)?.[0].length ?? 0;
      // A new note (the first line of the notes block too) ends every quotation left open.
      const fresh = line.kind === 'note';
      let i = 0;
      if (curly.length > 0) {
        if (!fresh && text[lead] === '“') {
          // The quotation runs on: this paragraph's “ re-opens it rather than nesting a new one.
          const top = curly[curly.length - 1];
          curly[curly.length - 1] = { at: line.start + lead, first: top.first };
          i = lead + 1;
        } else {
          out.push(...curly.map((o) => unclosed(o, '“')));
          curly = [];
        }
      }
      if (straight) {
        if (!fresh && text[lead] === '"') {
          straight = { at: line.start + lead, first: straight.first };
          i = Math.max(i, lead + 1);
        } else {
          out.push(unclosed(straight, '"'));
          straight = null;
        }
      }
      const table = text.includes('\t');
      const singles: number[] = [];
      for (; i < text.length; i++) {
        const c = text[i];
        const at = line.start + i;
        const before = text[i - 1];
        const after = text[i + 1];
        if (c === '“') {
          curly.push({ at, first: at });
        } else if (c === '”') {
          if (curly.length > 0) curly.pop();
          else out.push(stray(at, '”', '“'));
        } else if (c === '"') {
          // Inches (`12"`), ditto marks (a lone `"`) and table cells are no quotation marks.
          if (table || /\d/.test(before ?? '') || (/\s/.test(before ?? ' ') && /\s/.test(after ?? ' '))) continue;
          straight = straight ? null : { at, first: at };
        } else if (c === '‘') {
          // `‘50s` and a ‘ typed for an apostrophe inside a word open nothing.
          if (!isWordChar(before) && !/\d/.test(after ?? '')) singles.push(at);
        } else if (c === '’') {
          // Inside a word (`Kennan’s`) it is the apostrophe; otherwise it may close a ‘.
          if (!(isWordChar(before) && isWordChar(after)) && singles.length > 0) singles.pop();
        }
      }
      const next = lines[index + 1];
      if (singles.length > 0 && !(next && next.kind !== 'note' && opensSingle(next))) {
        out.push(...singles.map((at) => unclosed({ at, first: at }, '‘')));
      }
    });
    out.push(...curly.map((o) => unclosed(o, '“')));
    if (straight) out.push(unclosed(straight, '"'));
  }
  return out;
}

function opensSingle(line: TextLine): boolean {
  const lead = LEAD.exec(line.text)?.[0].length ?? 0;
  return line.text[lead] === '‘' || line.text.slice(lead, lead + 2) === '“‘';
}

function unclosed(open: Open, quote: string): Finding {
  const span: Span = { start: open.at, end: open.at + 1 };
  return {
    code: 'unbalanced-quote',
    message: `${quote} opens a quotation that is not closed${open.first !== open.at ? ' (it runs on from earlier paragraphs, each opened with “, and its last paragraph does not close it)' : ''}.`,
    span,
    related: open.first !== open.at ? [{ span: { start: open.first, end: open.first + 1 }, message: 'the quotation begins here' }] : [],
  };
}

function stray(at: number, quote: string, opener: string): Finding {
  return {
    code: 'unbalanced-quote',
    message: `${quote} closes a quotation that was not opened (no ${opener} before it in this paragraph).`,
    span: { start: at, end: at + 1 },
    related: [],
  };
}
