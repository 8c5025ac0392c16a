// The same extension-host suite (test/e2e/suite) in a desktop VS Code downloaded by
// @vscode/test-electron: `npm run test:e2e:electron`. For machines that can reach VS Code's
// download servers (this project's CI cannot: it uses run-all.sh and the VS Code server instead).
// On Linux without a display, run it under xvfb-run -a.
//   VSCODE_VERSION=1.139.1 npm run test:e2e:electron      (default: the version the CI tests)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { FIXTURES, ROOT, rel, stageDir, writeSummary } from './common.mjs';

function step(what, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) { console.error(`[electron] ${what} failed`); process.exit(1); }
}
step('npm run build', 'npm', ['run', 'build']);
step('building the suite', process.execPath, [path.join(ROOT, 'scripts', 'e2e', 'build-tests.mjs')]);

const dir = stageDir('electron');
const resultFile = path.join(dir, 'result.json');
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-electron-'));
let rc;
try {
  rc = await runTests({
    version: process.env.VSCODE_VERSION || '1.139.1',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'e2e', 'suite', 'index'),
    extensionTestsEnv: { MARGINALIA_E2E_RESULT: resultFile },
    launchArgs: [FIXTURES, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
      '--skip-release-notes', `--user-data-dir=${userData}`],
  });
} catch (e) {
  const msg = String(e?.message ?? e);
  console.error(`[electron] ${msg}`);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo/.test(msg)) {
    console.error('[electron] VS Code could not be downloaded from this machine; use `npm run test:e2e`, '
      + 'which runs the same suite in the VS Code server from the npm registry.');
  }
  rc = 1;
} finally {
  fs.rmSync(userData, { recursive: true, force: true });
}
let result = null;
try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* no result: reported below */ }
writeSummary(dir, { stage: 'electron', passed: result?.passed ?? 0, failed: result ? result.failed : 1 });
console.log(`[electron] ${result ? `${result.passed} passed, ${result.failed} failed` : 'no result'} (exit ${rc}); artifacts in ${rel(dir)}/`);
process.exit(rc);
