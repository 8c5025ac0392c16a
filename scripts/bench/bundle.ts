/** Bundles bench entry points with esbuild (as the product is bundled) into a temporary folder. */
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bundles `entries` (name -> source file) and returns name -> bundled file path. */
export async function bundle(entries: Record<string, string>): Promise<Record<string, string>> {
  const outdir = mkdtempSync(join(tmpdir(), 'marginalia-bench-'));
  await build({
    entryPoints: entries,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outdir,
    logLevel: 'error',
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.js`)]));
}
