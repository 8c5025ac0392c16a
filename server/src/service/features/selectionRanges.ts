/** Selection ranges: word -> sentence -> line (paragraph) -> point -> memo. */
import type { Range, SelectionRange } from 'vscode-languageserver-types';
import type { MemoModel, Span } from '../parser/model';
import { memoAt } from './footnoteLinks';
import { toRange } from './ranges';

const WORD = /[\p{L}\p{N}’'-]/u;

function wordSpan(text: string, lineStart: number, col: number): Span | null {
  let s = col;
  let e = col;
  while (s > 0 && WORD.test(text[s - 1])) s--;
  while (e < text.length && WORD.test(text[e])) e++;
  return e > s ? { start: lineStart + s, end: lineStart + e } : null;
}

function sentenceSpan(text: string, lineStart: number, col: number): Span {
  let s = col;
  while (s > 0 && !/[.!?]\s/.test(text.slice(s - 2, s))) s--;
  let e = col;
  while (e < text.length && !/[.!?]/.test(text[e])) e++;
  if (e < text.length) e++;
  while (text[s] === ' ') s++;
  return { start: lineStart + s, end: lineStart + e };
}

export function selectionRanges(model: MemoModel, offsets: number[]): SelectionRange[] {
  return offsets.map((offset) => {
    const { line, character } = model.lines.positionAt(offset);
    const text = model.lines.lineText(line);
    const lineStart = model.lines.starts[line];
    const spans: Span[] = [];
    const word = wordSpan(text, lineStart, character);
    if (word) spans.push(word);
    spans.push(sentenceSpan(text, lineStart, character));
    spans.push({ start: lineStart, end: lineStart + text.length });
    const memo = memoAt(model, offset);
    if (memo) {
      const point = memo.points.find((p) => offset >= p.start && offset <= p.end && !p.inline);
      if (point) spans.push(point);
      spans.push(memo);
    }
    // Each range must contain the previous one; drop any that does not strictly grow.
    const ranges: Range[] = [];
    let last: Span | null = null;
    for (const span of spans) {
      if (last && (span.start > last.start || span.end < last.end || (span.start === last.start && span.end === last.end))) continue;
      ranges.push(toRange(model, span));
      last = span;
    }
    let chain: SelectionRange | undefined;
    for (let i = ranges.length - 1; i >= 0; i--) chain = { range: ranges[i], parent: chain };
    return chain ?? { range: { start: model.lines.positionAt(offset), end: model.lines.positionAt(offset) } };
  });
}
