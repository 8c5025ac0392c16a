// Packages the extension as marginalia.vsix in the repository root: `npm run package`.
//
// @vscode/vsce 4 needs Node >= 22 while the project runs on Node 20, so vsce comes from the
// tool cache that scripts/e2e/setup-tools.sh fills (Node 24 + vsce, outside the clone) and
// runs under that Node 24. --no-dependencies: esbuild bundles every runtime dependency
// into dist/, so node_modules must not ship. What ships is listed in .vscodeignore.
//
//   node scripts/package.mjs [--no-build] [--out file.vsix]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { NODE24, ROOT, TOOLS, VSCE, VSIX } from './e2e/common.mjs';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : VSIX;

function run(cmd, cmdArgs, what) {
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PATH: `${path.dirname(NODE24)}:${process.env.PATH}` } });
  if (r.status !== 0) {
    console.error(`[package] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

if (!fs.existsSync(NODE24) || !fs.existsSync(VSCE)) {
  console.error(`[package] Node 24 or vsce missing in ${TOOLS}: run bash scripts/e2e/setup-tools.sh first`);
  process.exit(1);
}
if (!args.includes('--no-build')) {
  const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) { console.error('[package] npm run build failed'); process.exit(1); }
}
for (const f of ['dist/client.js', 'dist/server.js']) {
  if (!fs.existsSync(path.join(ROOT, f))) { console.error(`[package] ${f} missing: the build did not produce it`); process.exit(1); }
}

const vsceArgs = [VSCE, 'package', '--no-dependencies', '--out', out,
  // Keep README image links relative: they resolve inside the installed extension, and vsce
  // cannot infer an absolute base from a repository that is not on GitHub or GitLab.
  '--no-rewrite-relative-links'];
// vsce otherwise stops to ask on a terminal, and fails without one.
if (!fs.readdirSync(ROOT).some((f) => /^licen[sc]e/i.test(f))) {
  console.warn('[package] note: no LICENSE file; packaging without one');
  vsceArgs.push('--skip-license');
}
fs.rmSync(out, { force: true });
run(NODE24, vsceArgs, 'vsce package');
console.log(`[package] ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`);
