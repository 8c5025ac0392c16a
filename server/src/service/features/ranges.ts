/** Span <-> LSP range conversions shared by the features. */
import type { Range } from 'vscode-languageserver-types';
import type { MemoModel, Span } from '../parser/model';

export function toRange(model: MemoModel, span: Span): Range {
  return { start: model.lines.positionAt(span.start), end: model.lines.positionAt(span.end) };
}

/** Whether an offset touches a span (its end included, so a cursor just after a label counts). */
export function touches(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
