/**
 * A separate process writing a sidecar file, for the store tests (another window; a process
 * killed mid-write). Run with `node --import tsx test/util/annotationWriter.ts <sidecar> <mode> …`:
 *   add <count> <tag>   adds <count> annotations one write at a time, then exits
 *   loop                rewrites the file forever with ~1 MB of annotations, bumping "memo:writeCount"
 *   once                adds one annotation and prints {"ok":true} or {"ok":false,"error":"…"}
 */
import { updateSidecar } from '../../server/src/annotationStore';
import { createAnnotation } from '../../server/src/service/annotations/model';
import { emptyFile } from '../../server/src/service/annotations/serialize';

const [path, mode, arg, tag] = process.argv.slice(2);

function note(id: string, text: string) {
  return createAnnotation(id, new Date().toISOString(), { text, tags: [] }, {
    source: 'memo.txt',
    selector: [{ type: 'TextQuoteSelector', exact: text.slice(0, 20), prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 0, end: 20 }],
  });
}

async function main(): Promise<void> {
  if (mode === 'add') {
    for (let i = 0; i < Number(arg); i++) {
      const id = `urn:uuid:${tag}-${i}`;
      await updateSidecar(path, (f) => {
        const file = f ?? emptyFile('urn:uuid:collection');
        return { ...file, annotations: [...file.annotations, note(id, `note ${tag} ${i}`)] };
      });
    }
    return;
  }
  if (mode === 'loop') {
    const big = 'x'.repeat(5000);
    for (let n = 1; ; n++) {
      await updateSidecar(path, (f) => {
        const file = f ?? emptyFile('urn:uuid:collection');
        const annotations = Array.from({ length: 200 }, (_, i) => note(`urn:uuid:loop-${i}`, `${n} ${big}`));
        return { ...file, collection: { ...file.collection, 'memo:writeCount': n }, annotations };
      });
    }
  }
  if (mode === 'once') {
    try {
      await updateSidecar(path, (f) => ({ ...(f ?? emptyFile('urn:uuid:collection')), annotations: [note('urn:uuid:once', 'once')] }));
      process.stdout.write(JSON.stringify({ ok: true }));
    } catch (e) {
      process.stdout.write(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }));
    }
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
