/**
 * Annotations as workspace symbols, so a researcher finds a note by its words, its #tags or the
 * passage it is on (Go to Symbol in Workspace) across the research folder.
 */
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { AnnotationListItem } from '../../../../common/protocol';
import { noteOf, quoteSelector, type WebAnnotation } from './model';

const NAME_WORDS = 8;

function firstWords(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > NAME_WORDS ? `${words.slice(0, NAME_WORDS).join(' ')}…` : words.join(' ');
}

/** Symbols for the anchored or moved notes whose text, tags or quote contain every query word. */
export function annotationSymbols(documents: ReadonlyArray<{ uri: string; items: readonly AnnotationListItem[] }>, query: string): SymbolInformation[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: SymbolInformation[] = [];
  for (const doc of documents) {
    for (const item of doc.items) {
      // An orphan has no place to go to; it is listed in the Annotations view instead.
      if (!item.range || item.replyTo) continue;
      const annotation = item.annotation as unknown as WebAnnotation;
      const { text, tags } = noteOf(annotation);
      const quote = quoteSelector(annotation)?.exact ?? '';
      const haystack = `${text} ${tags.map((t) => `#${t}`).join(' ')} ${quote}`.toLowerCase();
      if (!words.every((w) => haystack.includes(w))) continue;
      const page = item.page ? `p. ${item.page}` : '';
      out.push({
        name: `✎ ${firstWords(text) || firstWords(quote)}`,
        kind: SymbolKind.String,
        containerName: [page, tags.map((t) => `#${t}`).join(' '), `“${firstWords(quote)}”`].filter(Boolean).join(' · '),
        location: { uri: doc.uri, range: item.range },
      });
    }
  }
  return out;
}
