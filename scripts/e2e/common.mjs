// Paths and small helpers shared by the end-to-end scripts (run with the project's Node).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Kept outside the clone so that a fresh clone (CI) reuses the ~1 GB of tools.
export const TOOLS = process.env.MARGINALIA_TOOLS || path.join(os.homedir(), '.cache', 'marginalia-tools');
export const NODE24 = path.join(TOOLS, 'node24', 'bin', 'node');
export const VSCODE_DIR = path.join(TOOLS, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode');
export const VSCE = path.join(TOOLS, 'npm-tools', 'node_modules', '@vscode', 'vsce', 'vsce');
export const ARTIFACTS = path.join(ROOT, '.e2e-artifacts');
export const FIXTURES = path.join(ROOT, 'test', 'e2e', 'fixtures');
export const VSIX = path.join(ROOT, 'marginalia.vsix');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function requireTools() {
  for (const [what, p] of [['Node 24', NODE24], ['VS Code server', path.join(VSCODE_DIR, 'out', 'server-main.js')]]) {
    if (!fs.existsSync(p)) {
      throw new Error(`${what} not found at ${p}: run scripts/e2e/setup-tools.sh (MARGINALIA_TOOLS=${TOOLS})`);
    }
  }
}

/** A fresh, empty artifact folder for one stage (old logs would be misleading). */
export function stageDir(name) {
  const dir = path.join(ARTIFACTS, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** run-all.sh adds these up into the closing "N passed, N failed" line. */
export function writeSummary(dir, summary) {
  fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
}

export const rel = (p) => path.relative(process.cwd(), p) || '.';

/**
 * Calls `fn` until it returns something truthy, or throws once `timeoutMs` has passed,
 * naming what it waited for and the last value or error seen. An error with `fatal: true`
 * ends the wait at once.
 */
export async function poll(fn, { timeoutMs = 30000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      if (e && e.fatal) throw e; // no point waiting: e.g. the process we wait on has exited
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last).slice(0, 300)})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Headless Debian Chromium through the project's playwright-core. The background-networking
 * flags matter: without them Chromium keeps trying Google's hosts, which this network refuses.
 */
export async function launchChromium({ viewport } = {}) {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { chromium } = require('playwright-core');
  // Playwright refuses --user-data-dir in args; a throwaway profile goes through launchPersistentContext.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: viewport ?? { width: 1400, height: 850 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
