// Starts and stops the VS Code server that ships inside the code-server npm package
// (lib/vscode/out/server-main.js, VS Code 1.139.1), on 127.0.0.1 with a throwaway state folder.
//
// Why this server and not coder's `code-server` command: only server-main.js accepts
// --enable-smoke-test-driver, which makes the web workbench honour the test payload
// (extensionDevelopmentPath / extensionTestsPath) and report the suite's exit code.
//
// As a library: startServer(), installExtension(). By hand, to look at the workbench yourself:
//   node scripts/e2e/vscode-server.mjs serve [--vsix marginalia.vsix]
// prints a URL (forward the port, or run a browser on this machine) and runs until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, FIXTURES, NODE24, TOOLS, VSCODE_DIR, VSIX, freePort, poll, requireTools } from './common.mjs';

// A quiet, deterministic workbench: nothing that pops up over the editor, nothing that calls home.
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

function dirs(state) {
  const d = {
    serverData: path.join(state, 'server-data'),
    userData: path.join(state, 'user-data'),
    extensions: path.join(state, 'extensions'),
  };
  for (const p of Object.values(d)) fs.mkdirSync(p, { recursive: true });
  return d;
}

function serverArgs(d) {
  return ['out/server-main.js', '--accept-server-license-terms',
    '--server-data-dir', d.serverData, '--user-data-dir', d.userData, '--extensions-dir', d.extensions];
}

// Every process group we started, so that a crash or Ctrl-C of the runner still ends the server.
const live = new Set();
let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => { for (const pid of live) { try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ } } });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));
}

/** Installs a .vsix into a state folder; a copied extension folder would be ignored by the server. */
export function installExtension(state, vsix = VSIX) {
  requireTools();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
  const d = dirs(state);
  const r = spawnSync(NODE24, [...serverArgs(d), '--install-extension', vsix, '--force'], {
    cwd: VSCODE_DIR, encoding: 'utf8', env: { ...process.env, PATH: `${path.dirname(NODE24)}:${process.env.PATH}` },
  });
  fs.writeFileSync(path.join(state, 'install-extension.log'), `${r.stdout}\n${r.stderr}`);
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`installing ${vsix} failed (exit ${r.status}): ${(r.stdout + r.stderr).trim().slice(-800)}`);
  }
}

/**
 * Starts the server and resolves once it answers HTTP. `env` reaches the extension host
 * (it inherits the server's environment), which is how tests learn where to write results.
 * Returns { baseUrl, port, pid, log, stop() }.
 */
export async function startServer(state, { settings = {}, env = {}, timeoutMs = 60000 } = {}) {
  requireTools();
  installExitHandlers();
  const d = dirs(state);
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(d.userData, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  const log = path.join(state, 'server.log');

  // The port is free when we pick it but could be taken before the server binds: retry then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const out = fs.openSync(log, 'w');
    const child = spawn(NODE24, [...serverArgs(d), '--host', '127.0.0.1', '--port', String(port),
      '--without-connection-token', '--enable-smoke-test-driver', '--disable-telemetry',
      '--disable-workspace-trust'], {
      cwd: VSCODE_DIR,
      // detached = own process group: the server's helpers (file watcher, pty host, …)
      // outlive a plain kill of the main process, so stop() signals the whole group.
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, PATH: `${path.dirname(NODE24)}:${process.env.PATH}`, ...env },
    });
    fs.closeSync(out);
    const pid = child.pid;
    live.add(pid);
    let exited = null;
    child.on('exit', (code, signal) => { exited = { code, signal }; });
    const baseUrl = `http://127.0.0.1:${port}`;
    const stop = () => stopGroup(pid, () => exited !== null);
    try {
      await poll(async () => {
        if (exited) throw Object.assign(new Error(`server exited (${JSON.stringify(exited)})`), { fatal: true });
        const res = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(2000) });
        return res.ok;
      }, { timeoutMs, intervalMs: 200, what: `the VS Code server on ${baseUrl}` });
      return { baseUrl, port, pid, log, stop };
    } catch (e) {
      await stop();
      const text = fs.readFileSync(log, 'utf8');
      if (attempt < 3 && /EADDRINUSE/.test(text)) continue;
      throw new Error(`${e.message}\n--- last lines of ${log} ---\n${text.split('\n').slice(-30).join('\n')}`);
    }
  }
}

async function stopGroup(pid, hasExited) {
  const alive = () => { try { process.kill(-pid, 0); return true; } catch { return false; } };
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  try {
    await poll(() => !alive() && hasExited(), { timeoutMs: 5000, intervalMs: 100, what: 'server shutdown' });
  } catch {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  live.delete(pid);
}

// CLI: a server to poke at by hand, with the packaged extension and the fixtures folder.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd !== 'serve') {
    console.error('usage: node scripts/e2e/vscode-server.mjs serve [--vsix file.vsix]');
    process.exit(2);
  }
  const state = path.join(ARTIFACTS, 'manual');
  fs.rmSync(state, { recursive: true, force: true });
  const i = rest.indexOf('--vsix');
  if (i >= 0) installExtension(state, path.resolve(rest[i + 1]));
  const s = await startServer(state);
  const version = JSON.parse(fs.readFileSync(path.join(VSCODE_DIR, 'package.json'), 'utf8')).version;
  console.log(`VS Code ${version} server from ${TOOLS}`);
  console.log(`open ${s.baseUrl}/?folder=${encodeURIComponent(FIXTURES)}   (log: ${s.log}; Ctrl-C stops)`);
  await new Promise(() => {});
}
