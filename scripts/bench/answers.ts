/** The key under which the do-nothing server keeps its canned answer to a request. */
export function answerKey(method: string, params: unknown): string {
  const position = (params as { position?: { line: number; character: number } } | undefined)?.position;
  return position ? `${method} ${position.line}:${position.character}` : method;
}
