/**
 * A synthetic research folder: N memos made from the corpus documents that have page markers,
 * renumbered so that they follow one another through one printed volume (memo k begins on the
 * page after memo k−1's last marker... or on it, as real volumes do), each titled with its
 * document number. For the workspace index tests and the benchmark.
 */
import { parseMemo } from '../../server/src/service/parser/parse';
import { corpusDocuments } from './corpus';

/** One memo of the synthetic volume. */
export interface SyntheticMemo {
  uri: string;
  /** Its file name: `d0001.memo`. */
  name: string;
  text: string;
  /** Document number, in its title as `N. `. */
  doc: number;
  /** The page its text begins on (before its first marker). */
  startPage: number;
  /** Its markers' pages, in order, with their line and character. */
  markers: Array<{ page: number; line: number; character: number }>;
  title: string;
}

/** `count` memos in `folderUri`, pages increasing from `firstPage`. */
export function syntheticVolume(count: number, folderUri = 'file:///volume', firstPage = 1001): SyntheticMemo[] {
  const sources = corpusDocuments().filter((d) => d.name.startsWith('frus/') && d.truth.pageMarkers.length > 0);
  const memos: SyntheticMemo[] = [];
  let page = firstPage;
  for (let k = 0; k < count; k++) {
    const source = sources[k % sources.length];
    const doc = k + 1;
    const startPage = page;
    let next = startPage;
    let text = source.text.replace(/\[Page \d+\]/g, () => `[Page ${++next}]`);
    // Title the memo with its document number, as modern volumes do.
    const lines = text.split('\n');
    const titleLine = source.truth.extra.titleLines[0];
    lines[titleLine] = `${doc}. ${lines[titleLine].replace(/^\d+\.\s+/, '')}`;
    text = lines.join('\n');
    const model = parseMemo(text);
    const markers = model.pageMarkers.map((m) => ({ page: Number(m.page), ...model.lines.positionAt(m.start) }));
    const name = `d${String(doc).padStart(4, '0')}.memo`;
    memos.push({ uri: `${folderUri}/${name}`, name, text, doc, startPage, markers, title: model.memos[0]?.title?.text ?? '' });
    // The next memo begins on the page this one ends on.
    page = next;
  }
  return memos;
}
