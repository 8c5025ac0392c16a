// Bundles the extension client and the language server into dist/ (one file each).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const targets = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/node/check.ts'], outfile: 'dist/check.js' },
].filter((t) => existsSync(t.entryPoints[0]));

if (watch) {
  for (const options of targets) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
}
