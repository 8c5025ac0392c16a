/** The seed memo (FRUS 1951 vol. VII pt. 1, doc. 328) and a service document for it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR } from './corpus';
import { doc } from './text';

export const SEED_PATH = join(CORPUS_DIR, 'seed', 'kennan-1951.txt');
export const SEED_TEXT = readFileSync(SEED_PATH, 'utf8');
export const seedDoc = () => doc(SEED_TEXT, 'file:///kennan-1951.memo');
