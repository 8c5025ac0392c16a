/**
 * `unbalanced-bracket`: a square bracket or parenthesis opened and not closed within its
 * paragraph, closed without being opened, or closed by the other kind (`(…]`).
 *
 * Page markers are whole tokens and never pair with the brackets around them (`(see [Page 5]
 * below)` is balanced; a broken `[Page 508` is reported as the open bracket it is). Not reported:
 * - a list label's parenthesis, alone on its line (`5)`) or in running text (`1) the first,
 *   2) the second`, `a)`), which closes nothing by design;
 * - the despatch number of nineteenth-century volumes, printed with its closing bracket only
 *   (`No. 14.]`, `Confidential.]` on a line of their own).
 * Every line is a paragraph in FRUS text, and a note is checked on its own.
 */
import type { MemoModel, Span } from '../../parser/model';
import { memoLines, withoutMarkers } from './text';
import type { Finding } from './types';

const PAIRS: Record<string, string> = { ')': '(', ']': '[' };

/** A list label just before a `)`: `1`, `a`, `iv`, at a word start. */
const LABEL_BEFORE = /(?:^|[\s(“"‘—–-])(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})$/;

/**
 * `No. 14.]`, `Confidential.]`: a despatch's number or marking with the closing bracket only, as
 * the nineteenth-century volumes print it on a line of its own.
 */
const DESPATCH_NUMBER = /^(?:Nos?\. ?\d[^[\]]{0,40}|(?:Confidential|Private|Personal|Unofficial|Circular|Telegraphic|Telegram|Extract)[^[\]]{0,40})\]$/i;

export function checkBrackets(model: MemoModel): Finding[] {
  const out: Finding[] = [];
  for (const memo of model.memos) {
    for (const line of memoLines(model, memo)) {
      if (line.kind === 'marker') continue;
      out.push(...checkLine(withoutMarkers(line.text, line.start, line.markers), line.start));
    }
  }
  return out;
}

function checkLine(text: string, offset: number): Finding[] {
  const out: Finding[] = [];
  const stack: Array<{ char: string; at: number }> = [];
  const span = (at: number): Span => ({ start: offset + at, end: offset + at + 1 });
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') {
      stack.push({ char: c, at: i });
      continue;
    }
    if (c !== ')' && c !== ']') continue;
    const opener = PAIRS[c];
    const match = stack.map((s) => s.char).lastIndexOf(opener);
    if (match < 0) {
      if (c === ')' && LABEL_BEFORE.test(text.slice(0, i))) continue;
      if (c === ']' && DESPATCH_NUMBER.test(text.trim()) && i === text.trimEnd().length - 1) continue;
      out.push({ code: 'unbalanced-bracket', message: `“${c}” closes nothing: no “${opener}” opens it in this paragraph.`, span: span(i), related: [] });
      continue;
    }
    // Openers above the match are closed by the wrong bracket: `( … [ … )`.
    for (const unclosed of stack.splice(match + 1)) {
      out.push({
        code: 'unbalanced-bracket',
        message: `“${unclosed.char}” is not closed: “${c}” closes the “${opener}” before it.`,
        span: span(unclosed.at),
        related: [{ span: span(i), message: `the “${c}”` }],
      });
    }
    stack.pop();
  }
  for (const unclosed of stack) {
    const closer = unclosed.char === '(' ? ')' : ']';
    out.push({
      code: 'unbalanced-bracket',
      message: `“${unclosed.char}” is not closed in this paragraph (no “${closer}”).`,
      span: span(unclosed.at),
      related: [],
    });
  }
  return out;
}
