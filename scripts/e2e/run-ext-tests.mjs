// Runs the mocha suite (out/e2e/suite) inside the extension host of a real VS Code: the VS
// Code server from the code-server npm package, whose web workbench is loaded by headless
// Chromium. This is how VS Code's own web integration tests run: the workbench URL carries a
// `payload` with extensionDevelopmentPath / extensionTestsPath, and the workbench reports the
// suite's exit code through window.codeAutomationExit().
//
//   node scripts/e2e/run-ext-tests.mjs [--grep <mocha grep>] [--timeout <seconds>]
// Needs: scripts/e2e/setup-tools.sh, `npm run build`, node scripts/e2e/build-tests.mjs.
// Artifacts: .e2e-artifacts/ext-host/ (workbench.log, server state and log, result.json,
// a screenshot if the suite hangs).
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { FIXTURES, ROOT, launchChromium, rel, stageDir, writeSummary } from './common.mjs';
import { startServer } from './vscode-server.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
// Generous: a suite whose every test times out still has to report which ones did.
const timeoutSec = Number(opt('--timeout', '600'));
const grep = opt('--grep', process.env.MARGINALIA_E2E_GREP);

const TAG = '[marginalia-e2e] ';
const testsIndex = path.join(ROOT, 'out', 'e2e', 'suite', 'index.js');
for (const p of [path.join(ROOT, 'dist', 'client.js'), testsIndex]) {
  if (!fs.existsSync(p)) {
    console.error(`${rel(p)} is missing: run \`npm run build && node scripts/e2e/build-tests.mjs\``);
    process.exit(2);
  }
}

const dir = stageDir('ext-host');
const resultFile = path.join(dir, 'result.json');
const logFile = path.join(dir, 'workbench.log');
const log = fs.createWriteStream(logFile);

let server;
let browser;
let rc = 1;
try {
  server = await startServer(path.join(dir, 'server'), {
    // The extension host inherits the server's environment: that is how the suite learns
    // where to write its result and how to tag its report lines.
    env: {
      MARGINALIA_E2E_RESULT: resultFile,
      MARGINALIA_E2E_LOG_TAG: TAG,
      ...(grep ? { MARGINALIA_E2E_GREP: grep } : {}),
    },
  });
  const authority = new URL(server.baseUrl).host; // the remote authority is the host:port the browser used
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(testsIndex.replace(/\.js$/, ''))],
    ['skipWelcome', 'true'],
  ]);

  browser = await launchChromium();
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  let exit;
  const exited = new Promise((r) => { exit = r; });
  // Both functions must exist before the workbench loads: it looks for them at startup.
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const msg = util.format(...(logArgs ?? []));
    log.write(`[${type}] ${msg}\n`);
    // The suite's report lines arrive tagged, possibly behind a prefix the host adds.
    for (const line of msg.split('\n')) {
      const i = line.indexOf(TAG);
      if (i >= 0) console.log(`  ${line.slice(i + TAG.length)}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code)));
  page.on('pageerror', (e) => log.write(`[pageerror] ${e.message}\n`));

  const url = `${server.baseUrl}/?folder=${encodeURIComponent(FIXTURES)}&payload=${encodeURIComponent(payload)}`;
  log.write(`opening ${url}\n`);
  const started = Date.now();
  await page.goto(url);
  let timer;
  const code = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutSec * 1000); })]);
  clearTimeout(timer);
  if (code === 'timeout') {
    const shot = path.join(dir, 'timeout.png');
    await page.screenshot({ path: shot }).catch(() => {});
    console.error(`the suite did not finish within ${timeoutSec} s (screenshot: ${rel(shot)})`);
    rc = 124;
  } else {
    rc = code;
  }
  console.log(`[ext-host] suite finished with exit code ${rc} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`[ext-host] ${e.stack || e}`);
  rc = rc || 1;
} finally {
  await browser?.close();
  await server?.stop();
  log.end();
}

// The result file is the suite's own account; without it the suite never got to run
// (extension failed to load, tests failed to compile, ...): the workbench log says why.
let result = null;
try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* no result: reported below */ }
if (result) {
  for (const f of result.failures) console.log(`\n[ext-host] FAILED: ${f.test}\n${f.error.split('\n').slice(0, 6).join('\n')}`);
  writeSummary(dir, { stage: 'ext-host', passed: result.passed, failed: result.failed });
  if (rc === 0 && result.failed > 0) rc = 1;
} else {
  writeSummary(dir, { stage: 'ext-host', passed: 0, failed: 1 });
  if (rc === 0) rc = 1;
  const errors = fs.existsSync(logFile)
    ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => /error|fail|cannot/i.test(l)).slice(-15) : [];
  console.error(`[ext-host] the suite wrote no result; errors in the workbench log:\n${errors.join('\n')}`);
}
console.log(`[ext-host] ${result ? `${result.passed} passed, ${result.failed} failed` : 'no result'}; logs in ${rel(dir)}/ (workbench.log, server/server.log)`);
process.exit(rc);
