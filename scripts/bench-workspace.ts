/**
 * Figures for the research-folder index (not a test): the time to index a synthetic volume of
 * 500 memos made from the corpus, and the time of workspace symbol queries and page lookups
 * (p50 / p99 over many runs); then the same folder on disk through the built server (run
 * `npm run build` first): how long the background indexing takes, and how fast requests are
 * answered while it runs. Run: `npm run bench:workspace` (optionally `-- 2000` memos).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { WorkspaceSymbolRequest } from 'vscode-languageserver-protocol/node';
import { GoToPageRequest, PageAtRequest } from '../common/protocol';
import { WorkspaceIndex } from '../server/src/service/workspace';
import { startServer } from '../test/lsp/client';
import { syntheticVolume } from '../test/util/syntheticVolume';

const count = Number(process.argv[2] ?? 500) || 500;
const memos = syntheticVolume(count);
const bytes = memos.reduce((n, m) => n + m.text.length, 0);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

let t = performance.now();
const index = new WorkspaceIndex();
for (const m of memos) index.setDocument(m.uri, m.text, { volumeKey: 'bench' });
const indexTime = performance.now() - t;

t = performance.now();
index.symbols('ambasador');
const firstQuery = performance.now() - t;

const queries = ['steere', 'Chargé in India', 'telegram', '793B.00/5-2951', 'not printed', 'gifford', 'ambasador', 'tibet', '17. ', 'secretary of state', 'consul general', 'footnote 3', 'nixon', 'kissinger', 'z'];
const symbolTimes: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const q of queries) {
    const s = performance.now();
    index.symbols(q);
    symbolTimes.push(performance.now() - s);
  }
}

const pageTimes: number[] = [];
const last = memos[memos.length - 1];
const lastPage = last.markers.length ? last.markers[last.markers.length - 1].page : last.startPage;
for (let i = 0; i < 2000; i++) {
  const page = String(memos[0].startPage + ((i * 7919) % (lastPage - memos[0].startPage + 1)));
  const s = performance.now();
  index.locatePage(page, { fromUri: memos[i % memos.length].uri });
  pageTimes.push(performance.now() - s);
}

console.log(`workspace index: ${count} memos, ${(bytes / 1e6).toFixed(1)} MB of text, pages ${memos[0].startPage}–${lastPage}`);
console.log(`  index (parse + summarize, synchronous): ${ms(indexTime)} (${ms(indexTime / count)} per memo)`);
console.log(`  first misspelt query (builds the fuzzy index): ${ms(firstQuery)}`);
console.log(`  workspace symbol query over ${symbolTimes.length} runs: p50 ${ms(percentile(symbolTimes, 50))}, p99 ${ms(percentile(symbolTimes, 99))}, max ${ms(symbolTimes.reduce((a, b) => Math.max(a, b), 0))}`);
console.log(`  page lookup over ${pageTimes.length} runs: p50 ${ms(percentile(pageTimes, 50))}, p99 ${ms(percentile(pageTimes, 99))}`);

/** The folder on disk, through the built server over stdio. */
async function throughServer(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'marginalia-bench-'));
  try {
    for (const m of memos) writeFileSync(join(folder, m.name), m.text);
    writeFileSync(join(folder, '.memo-source.json'), JSON.stringify({ series: 'FRUS', year: '1951', volume: 'VII', part: '2' }));
    const folderUri = pathToFileURL(folder).href;
    const started = performance.now();
    const server = await startServer({ rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'bench' }] });
    const open = memos[0];
    const uri = pathToFileURL(join(folder, open.name)).href;
    await server.open(uri, open.text);
    // Ask for the page at the cursor over and over while the folder is indexed, as the status bar does.
    const during: number[] = [];
    let indexed = 0;
    let indexedAt = 0;
    while (indexed < count && performance.now() - started < 120_000) {
      const s = performance.now();
      await server.connection.sendRequest(PageAtRequest, { textDocument: { uri }, position: { line: 0, character: 0 } });
      during.push(performance.now() - s);
      if (during.length % 5 === 0) {
        // Files are read in name order: the last one indexed means all are.
        const hit = await server.connection.sendRequest(GoToPageRequest, { page: String(lastPage) });
        if (hit?.uri.endsWith(`/${last.name}`)) {
          indexed = count;
          indexedAt = performance.now() - started;
        }
      }
    }
    const queries: number[] = [];
    for (let round = 0; round < 10; round++) {
      for (const q of ['steere', 'telegram', 'ambasador', '17. ']) {
        const s = performance.now();
        await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: q });
        queries.push(performance.now() - s);
      }
    }
    await server.stop();
    console.log(`through the built server (stdio), ${count} files on disk:`);
    console.log(`  start to every memo indexed: ${indexedAt ? ms(indexedAt) : 'not within 120 s'}`);
    console.log(`  memo/pageAt while indexing (${during.length} requests): p50 ${ms(percentile(during, 50))}, p99 ${ms(percentile(during, 99))}, max ${ms(during.reduce((a, b) => Math.max(a, b), 0))}`);
    console.log(`  workspace/symbol round trip (${queries.length} requests): p50 ${ms(percentile(queries, 50))}, p99 ${ms(percentile(queries, 99))}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void throughServer();
