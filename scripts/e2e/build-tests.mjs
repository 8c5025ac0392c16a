// Compiles the extension-host suite (test/e2e/suite/*.ts) to out/e2e/suite/*.js, one file each
// and not bundled: mocha loads the test files one by one, and `vscode` only exists inside the
// extension host. Kept apart from the root esbuild.mjs, which builds what ships.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './common.mjs';

const src = path.join(ROOT, 'test', 'e2e', 'suite');
const outdir = path.join(ROOT, 'out', 'e2e', 'suite');
fs.rmSync(outdir, { recursive: true, force: true }); // a deleted test must not keep running from out/
await esbuild.build({
  entryPoints: fs.readdirSync(src).filter((f) => f.endsWith('.ts')).map((f) => path.join(src, f)),
  outdir,
  bundle: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log(`[build-tests] ${path.relative(ROOT, src)} -> ${path.relative(ROOT, outdir)}`);
