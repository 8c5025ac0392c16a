/**
 * Tags typed as `#words` in a note, the way researchers tag in notebooks and on social media:
 * `Kennan hedges here. #korea #ceasefire`. Tags on lines of their own or trailing the note
 * are taken out of its text; a `#tag` inside a sentence stays in the text and is a tag as well. Markdown
 * headings (`# Title`, a space after the hash) are not tags.
 */

/** A tag: `#` then letters, digits, `-`, `_`, `/`, `:` or `.` (not at the end), after a space or line start. */
const TAG = /(^|[\s(])#([\p{L}\p{N}_][\p{L}\p{N}_\-/:.]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu;

/** A run of tags at the very end of the text. */
const TRAILING_TAGS = /(?:(?:^|\s)#[\p{L}\p{N}_][\p{L}\p{N}_\-/:.]*[\p{L}\p{N}_]|(?:^|\s)#[\p{L}\p{N}_])+\s*$/u;

/** Splits what the user typed into the note's text and its tags (without `#`, first spelling kept). */
export function splitTags(input: string): { text: string; tags: string[] } {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const m of input.matchAll(TAG)) {
    const tag = m[2];
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.filter((line) => line.replace(TAG, '$1').trim() !== '' || line.trim() === '');
  // Tags trailing the last sentence (`… last time. #tone #korea`) are labels, not prose.
  const text = kept.join('\n').trim().replace(TRAILING_TAGS, '');
  return { text: text.trim(), tags };
}

/** What the user edits: the text, then the tags not already written in it, on a line of their own. */
export function joinTags(text: string, tags: readonly string[]): string {
  const inText = new Set(splitTags(text).tags.map((t) => t.toLowerCase()));
  const rest = tags.filter((t) => !inText.has(t.toLowerCase())).map((t) => `#${t}`);
  if (rest.length === 0) return text;
  return text.trim() ? `${text.trim()}\n\n${rest.join(' ')}` : rest.join(' ');
}
