/** Readable fixtures: join lines, and mark a cursor inline with `$$`. */
export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

/** Removes the `$$` cursor marker from a text, returning the text and the marker's offset. */
export function cursor(textWithMarker: string): { text: string; offset: number } {
  const offset = textWithMarker.indexOf('$$');
  if (offset < 0) throw new Error('fixture has no $$ cursor');
  return { text: textWithMarker.slice(0, offset) + textWithMarker.slice(offset + 2), offset };
}

/** A text document for the service: uri, version, text. */
export function doc(text: string, uri = 'file:///test.memo', version = 1) {
  return { uri, version, getText: () => text };
}
