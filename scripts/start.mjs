// `npm start`: build the extension, then open the sample memo with it loaded — in desktop VS Code
// when `code` is on PATH, otherwise in the browser VS Code (the server inside the code-server npm
// package, installed into the tool cache on first use) on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'samples', 'kennan-1951.memo');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

run('npm', ['run', '-s', 'build']);

if (onPath('code') && !process.argv.includes('--browser')) {
  console.log('Opening the sample memo in VS Code with the extension loaded…');
  spawn('code', [`--extensionDevelopmentPath=${ROOT}`, SAMPLE], { stdio: 'inherit', detached: true }).unref();
} else {
  const common = await import('./e2e/common.mjs');
  if (!fs.existsSync(common.NODE24) || !fs.existsSync(path.join(common.VSCODE_DIR, 'out', 'server-main.js'))) {
    console.log(`No desktop VS Code on PATH: installing the browser VS Code into ${common.TOOLS} (first run only)…`);
    run('bash', [path.join(ROOT, 'scripts', 'e2e', 'setup-tools.sh')]);
  }
  const { startServer } = await import('./e2e/vscode-server.mjs');
  const state = path.join(common.ARTIFACTS, 'start');
  fs.rmSync(state, { recursive: true, force: true });
  const server = await startServer(state);
  const remote = (p) => `vscode-remote://${new URL(server.baseUrl).host}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(ROOT)],
    ['openFile', remote(SAMPLE)],
  ]);
  const url = `${server.baseUrl}/?folder=${encodeURIComponent(path.dirname(SAMPLE))}&payload=${encodeURIComponent(payload)}`;
  console.log('\nThe sample memo, with the extension loaded, in VS Code for the browser:\n');
  console.log(`  ${url}\n`);
  console.log('Open it in a browser on this machine (or forward the port). Ctrl-C stops the server.');
  await new Promise(() => {});
}
