/**
 * `npm run bench [-- --json out.json] [-- --quick]`: the performance figures of issue #7 on a
 * volume-sized text (~5 MB of corpus memos, pages rising through it), each beside its target.
 *
 * In process (the service bundled by esbuild as in dist/server.js): the floor (one sticky-regex
 * pass finding every marker, reference, note and label) against the full parse; a one-character
 * edit through the server's document store and incremental parse. Over real stdio: the built
 * server against a do-nothing server answering the same payloads. In fresh processes: heap growth
 * per open document (and the markdown peer's), and extension activation with the bundled client.
 * Figures are medians of many runs after warm-up; the machine's load moves them, so the floor and
 * the parse are timed in turns.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from './bench/bundle';
import { lspBench, type Probe } from './bench/lsp';
import { markdownPeer } from './bench/markdownPeer';
import { interleave, median, quantile, sample, table, type Figure } from './bench/stats';
import { buildVolume } from './bench/volume';

type Service = typeof import('./bench/serviceEntry');
const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const quick = args.includes('--quick');
const runs = (n: number) => (quick ? Math.max(3, Math.round(n / 5)) : n);

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The text with every character beyond Latin-1 replaced by a plain one (same length). */
function toLatin1(text: string): string {
  const plain: Record<string, string> = { '“': '"', '”': '"', '‘': "'", '’': "'", '—': '-', '–': '-', '…': '.' };
  return text.replace(/[\u0100-\uffff]/g, (c) => plain[c] ?? '?');
}

/** Spread picks: `count` items from `list`, evenly through it. */
function spread<T>(list: readonly T[], count: number): T[] {
  if (list.length <= count) return [...list];
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]);
}

async function main(): Promise<void> {
  const files = await bundle({
    service: join(__dirname, 'bench', 'serviceEntry.ts'),
    nullServer: join(__dirname, 'bench', 'nullServer.ts'),
    coreServer: join(__dirname, 'bench', 'coreServer.ts'),
    memoryProbe: join(__dirname, 'bench', 'memoryProbe.ts'),
    activationProbe: join(__dirname, 'bench', 'activationProbe.ts'),
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S = require(files.service) as Service;
  const text = buildVolume();
  const bytes = Buffer.byteLength(text);
  const MB = bytes / 1e6;
  const figures: Figure[] = [];
  log(`volume: ${MB.toFixed(2)} MB UTF-8, ${text.length} UTF-16 units, machine: ${cpus().length} cores, Node ${process.versions.node}, load ${loadavg()[0].toFixed(1)}`);

  // 1. Parse against the floor.
  const model = S.parseMemo(text);
  const floor = S.floorScan(text);
  const refs = model.memos.reduce((n, m) => n + m.refs.length, 0);
  const notes = model.memos.reduce((n, m) => n + m.notes.length, 0);
  const labels = model.memos.reduce((n, m) => n + m.points.filter((p) => !p.inline).length, 0);
  log(`floor found ${floor.markers} markers, ${floor.notes} notes, ${floor.labels} labels, ${floor.refs} glued refs; the parse: ${model.pageMarkers.length} markers, ${notes} notes, ${labels} labels, ${refs} refs in ${model.memos.length} memos`);
  const parseTimes = interleave({ floor: () => S.floorScan(text), parse: () => S.parseMemo(text) }, runs(40), 5);
  const floorMs = median(parseTimes.floor);
  const parseMs = median(parseTimes.parse);
  figures.push({ name: 'floor (sticky-regex pass)', value: floorMs, unit: 'ms', detail: `${(MB / (floorMs / 1000)).toFixed(0)} MB/s` });
  figures.push({ name: 'full parse', value: parseMs, unit: 'ms', detail: `${(MB / (parseMs / 1000)).toFixed(0)} MB/s` });
  figures.push({ name: 'full parse / floor', value: parseMs / floorMs, unit: '×', target: 3, stretch: 2, detail: 'medians, timed in turns' });

  // The peer's outline + folding on the same text.
  const peer = markdownPeer(text);
  if (peer) {
    const peerTimes: number[] = [];
    for (let i = 0; i < runs(10) + 2; i++) {
      const t0 = performance.now();
      await peer.run();
      if (i >= 2) peerTimes.push(performance.now() - t0);
    }
    figures.push({ name: 'peer: markdown LS symbols+folding', value: median(peerTimes), unit: 'ms', detail: `${(MB / (median(peerTimes) / 1000)).toFixed(0)} MB/s` });
  } else {
    log('peer: markdown-it is not installed, so vscode-markdown-languageservice cannot run (see scripts/bench/markdownPeer.ts)');
    figures.push({ name: 'peer: markdown LS symbols+folding', value: NaN, unit: 'ms', detail: 'not measured: markdown-it not installed' });
  }

  // 2. A one-character edit through the server's document store, in process.
  const cache = new S.DocumentCache();
  const store = S.memoDocuments(cache);
  const doc = store.create('file:///volume.memo', 'memo', 1, text);
  cache.get(doc);
  const service = S.createMemoService(cache);
  const editAt = spread(model.memos.flatMap((m) => m.paragraphs.map((p) => p.start)), 40);
  let version = 1;
  const editTimes: number[] = [];
  for (let round = 0; round < (quick ? 2 : 6); round++) {
    for (const offset of editAt) {
      const at = doc.positionAt(offset + 3);
      for (const insert of [true, false]) {
        version++;
        const range = insert ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
        const t0 = performance.now();
        store.update(doc, [{ range, text: insert ? 'x' : '' }], version);
        cache.get(doc);
        const t = performance.now() - t0;
        if (round > 0) editTimes.push(t);
      }
    }
  }
  if (doc.getText() !== text) throw new Error('the edits did not restore the text');
  figures.push({ name: 'one-char edit: server work p50', value: median(editTimes), unit: 'ms', target: 0.5, detail: 'text + lines + incremental parse, 40 places' });
  figures.push({ name: 'one-char edit: server work p99', value: quantile(editTimes, 0.99), unit: 'ms' });
  const edited = cache.get(doc);
  const checkTimes = sample(() => S.checkMemo(edited), runs(10), 2);
  figures.push({ name: 'diagnostics (checkMemo) after an edit', value: median(checkTimes), unit: 'ms', detail: 'in process; runs 150 ms after the last keystroke' });
  // What the standard TextDocuments would pay: the rope made by the edit is flattened on first read.
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const plain = TextDocument.create('file:///plain.memo', 'memo', 1, text);
  const plainTimes: number[] = [];
  for (let i = 0; i < runs(20); i++) {
    const at = plain.positionAt(editAt[i % editAt.length] + 3);
    const t0 = performance.now();
    TextDocument.update(plain, [{ range: { start: at, end: at }, text: 'x' }], i + 2);
    plain.getText().charCodeAt(0);
    plainTimes.push(performance.now() - t0);
  }
  figures.push({ name: 'one-char edit: standard TextDocument', value: median(plainTimes), unit: 'ms', detail: 'update + first read, no parse (for comparison)' });

  // Request work in process (what the LSP figures add to the do-nothing server).
  const at = (offset: number) => edited.lines.positionAt(offset);
  const refOffsets = spread(edited.memos.flatMap((m) => m.refs.map((r) => r.start)), 50);
  const markerOffsets = spread(edited.pageMarkers.map((m) => m.start + 2), 30);
  const wordOffsets = spread(edited.memos.flatMap((m) => m.paragraphs.map((p) => p.start + 5)), 30);
  const hoverAt = [...refOffsets, ...markerOffsets, ...wordOffsets].map(at);
  const definitionAt = refOffsets.map(at);
  const hoverWork = sample(() => hoverAt.forEach((p) => service.hover(doc, p)), runs(20), 3).map((t) => t / hoverAt.length);
  figures.push({ name: 'hover work in process', value: median(hoverWork), unit: 'ms' });
  const symbolWork = sample(() => service.documentSymbols(doc), runs(20), 3);
  figures.push({ name: 'documentSymbol work in process', value: median(symbolWork), unit: 'ms' });

  // 3. Over LSP: the built server against the do-nothing server.
  const uri = 'file:///bench/volume.memo';
  const lists: Record<string, Probe[]> = {
    hover: hoverAt.map((position) => ({ method: 'textDocument/hover', params: { textDocument: { uri }, position } })),
    definition: definitionAt.map((position) => ({ method: 'textDocument/definition', params: { textDocument: { uri }, position } })),
    documentSymbol: [{ method: 'textDocument/documentSymbol', params: { textDocument: { uri } } }],
    foldingRange: [{ method: 'textDocument/foldingRange', params: { textDocument: { uri } } }],
  };
  const counts = { hover: runs(400), definition: runs(400), documentSymbol: runs(30), foldingRange: runs(60) };
  const lsp = await lspBench([join(ROOT, 'bin', 'memo-language-server.js'), '--stdio'], [files.nullServer, '--stdio'], uri, text, lists, counts, spread(editAt, 10).map((o) => at(o + 3)));
  for (const method of ['hover', 'definition']) {
    const ours = lsp.memo[method];
    const none = lsp.nullServer[method];
    figures.push({ name: `${method} p50`, value: ours.p50, unit: 'ms', target: 0.3, detail: `do-nothing server ${none.p50.toFixed(3)} ms` });
    figures.push({ name: `${method} p99`, value: ours.p99, unit: 'ms', target: 3, detail: `do-nothing server ${none.p99.toFixed(3)} ms` });
  }
  for (const method of ['documentSymbol', 'foldingRange']) {
    const ours = lsp.memo[method];
    const none = lsp.nullServer[method];
    figures.push({
      name: `${method} p50 / do-nothing server`,
      value: ours.p50 / none.p50,
      unit: '×',
      target: method === 'documentSymbol' ? 1.1 : undefined,
      detail: `${ours.p50.toFixed(1)} vs ${none.p50.toFixed(1)} ms (p99 ${ours.p99.toFixed(1)} vs ${none.p99.toFixed(1)})${method === 'documentSymbol' ? `, ${(lsp.symbolsPayload / 1e6).toFixed(1)} MB of JSON` : ''}`,
    });
  }
  figures.push({ name: 'didOpen 5 MB → first documentSymbol', value: lsp.openToSymbols, unit: 'ms' });
  figures.push({
    name: 'didChange → updated model (LSP)',
    value: lsp.changeToModel.p50,
    unit: 'ms',
    detail: `didChange + memo/pageAt round trip, typing (p99 ${lsp.changeToModel.p99.toFixed(1)} ms); pageAt alone ${lsp.pageAtAlone.p50.toFixed(3)} ms`,
  });
  const core = await lspBench([files.coreServer, '--stdio'], null, uri, text, {}, {}, spread(editAt, 10).map((o) => at(o + 3)));
  figures.push({
    name: 'didChange → updated model, core only',
    value: core.changeToModel.p50,
    unit: 'ms',
    detail: `the same without the feature modules (p99 ${core.changeToModel.p99.toFixed(1)} ms); pageAt alone ${core.pageAtAlone.p50.toFixed(3)} ms`,
  });
  figures.push({
    name: 'didChange → diagnostics (LSP)',
    value: lsp.changeToDiagnostics?.p50 ?? NaN,
    unit: 'ms',
    detail: lsp.changeToDiagnostics ? 'includes the 150 ms debounce' : 'no diagnostics published',
  });

  // 4. Memory per open document, in fresh processes.
  const message = join(tmpdir(), `marginalia-bench-volume-${process.pid}.json`);
  writeFileSync(message, JSON.stringify({ text }));
  const probe = (mode: string) =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', files.memoryProbe, mode, message], { encoding: 'utf8' })) as { bytes: number; text: number; total: number } | null;
  const memo = probe('memo')!;
  figures.push({ name: 'heap per open document', value: memo.total / memo.bytes, unit: '×', target: 2.5, detail: `of UTF-8 size; the text alone ${(memo.text / memo.bytes).toFixed(2)}×, the parse ${((memo.total - memo.text) / memo.bytes).toFixed(2)}×` });
  // The same volume in Latin-1 (curly quotes and dashes made plain): V8 then keeps the text one
  // byte per character, which shows what the parse itself costs against the 2.5× target.
  const latin = join(tmpdir(), `marginalia-bench-latin1-${process.pid}.json`);
  writeFileSync(latin, JSON.stringify({ text: toLatin1(text) }));
  const memoLatin = JSON.parse(execFileSync(process.execPath, ['--expose-gc', files.memoryProbe, 'memo', latin], { encoding: 'utf8' })) as { bytes: number; text: number; total: number };
  figures.push({ name: 'heap per open document, Latin-1 text', value: memoLatin.total / memoLatin.bytes, unit: '×', target: 2.5, detail: `the same volume with plain quotes and dashes: text ${(memoLatin.text / memoLatin.bytes).toFixed(2)}×, parse ${((memoLatin.total - memoLatin.text) / memoLatin.bytes).toFixed(2)}×` });
  const md = probe('markdown');
  figures.push({ name: 'peer: markdown LS heap per document', value: md ? md.total / md.bytes : NaN, unit: '×', detail: md ? `the text alone ${(md.text / md.bytes).toFixed(2)}×` : 'not measured: markdown-it not installed' });

  // 5. Extension activation with the bundled client.
  const activations: Array<{ require: number; activate: number; ready: number }> = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const out = JSON.parse(execFileSync(process.execPath, [files.activationProbe, ROOT], { encoding: 'utf8' })) as { require: number; activate: number; ready: number; error?: string };
    if (out.error) throw new Error(`activation failed: ${out.error}`);
    activations.push(out);
  }
  const load = median(activations.map((a) => a.require));
  const activate = median(activations.map((a) => a.activate));
  const ready = median(activations.map((a) => a.ready));
  figures.push({ name: 'extension activation', value: load + activate, unit: 'ms', target: 100, detail: `require dist/client.js ${load.toFixed(0)} ms + activate() ${activate.toFixed(0)} ms; stand-in vscode` });
  figures.push({ name: 'activation → server initialized', value: load + ready, unit: 'ms', detail: 'requests sent before this wait for the server' });

  process.stdout.write(`\nMarginalia bench — ${MB.toFixed(2)} MB volume, ${cpus().length} cores, Node ${process.versions.node}\n\n${table(figures)}\n`);
  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify({ machine: { cores: cpus().length, node: process.versions.node, load: loadavg()[0] }, volume: { bytes, chars: text.length }, figures }, null, 2));
    log(`wrote ${jsonOut}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
