/** The corpus fixtures (copied from the shared corpus) with their ground truth. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'corpus');

export interface GroundTruth {
  title: string;
  fileNumber: string | null;
  startPage: number;
  pageMarkers: Array<{ page: number | string; line: number; character: number }>;
  footnoteRefs: Array<{ label: string; line: number; character: number; target: number }>;
  footnotes: Array<{ label: string; line: number; text: string; n: string }>;
  numberedPoints: Array<{ label: string; line: number }>;
  paragraphs: number;
  extra: { titleLines: number[]; fileNumberLine: number | null; datelines: Array<{ text: string; line: number }> };
}

export interface CorpusDocument {
  /** e.g. `frus/frus1861_d59` */
  name: string;
  path: string;
  text: string;
  truth: GroundTruth;
}

/** Every document of the corpus fixtures: the seed and both renderings of the FRUS documents. */
export function corpusDocuments(): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  for (const folder of ['seed', 'frus', 'frus-extraction']) {
    const dir = join(CORPUS_DIR, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const path = join(dir, file);
      const truth = JSON.parse(readFileSync(path.replace(/\.txt$/, '.json'), 'utf8')) as GroundTruth;
      docs.push({ name: `${folder}/${file.replace(/\.txt$/, '')}`, path, text: readFileSync(path, 'utf8'), truth });
    }
  }
  return docs;
}
