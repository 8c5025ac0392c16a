/**
 * A volume-sized test text built from the corpus: its documents one after another (each
 * separated by a blank line), repeated until the text reaches the wanted size, with every
 * `[Page N]` renumbered so the printed pages rise through the volume as they do in a FRUS volume.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The corpus folder of the repository. */
export const CORPUS = join(__dirname, '..', '..', 'test', 'fixtures', 'corpus');

/** The corpus texts in a fixed order (both renderings and the seed). */
export function corpusTexts(corpus = CORPUS): string[] {
  const out: string[] = [];
  for (const folder of ['seed', 'frus', 'frus-extraction']) {
    const dir = join(corpus, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      out.push(readFileSync(join(dir, file), 'utf8'));
    }
  }
  return out;
}

/** Builds a volume of at least `bytes` UTF-8 bytes; pages start at `firstPage` and only rise. */
export function buildVolume(bytes = 5 * 1024 * 1024, firstPage = 1, corpus = CORPUS): string {
  const texts = corpusTexts(corpus);
  const parts: string[] = [];
  let size = 0;
  let page = firstPage;
  for (let i = 0; size < bytes; i++) {
    const text = texts[i % texts.length].replace(/^\uFEFF/, '');
    const renumbered = text.replace(/\[Page ([0-9]{1,5}|[ivxlcdmIVXLCDM]{1,12})\]/g, () => `[Page ${++page}]`);
    // A document ends on a page of its own: the next one starts on a fresh page.
    page++;
    const chunk = (parts.length ? '\n\n' : '') + renumbered.trimEnd() + '\n';
    parts.push(chunk);
    size += Buffer.byteLength(chunk, 'utf8');
  }
  return parts.join('');
}
