// Entry point that VS Code's extension host calls (extensionTestsPath): runs every
// *.test.js beside this file with mocha, inside the real extension host, and rejects when a
// test fails, which the workbench turns into a non-zero exit code for the runner.
// Used by both runners: scripts/e2e/run-ext-tests.mjs (VS Code server + Chromium, works
// offline) and scripts/e2e/run-electron.mjs (@vscode/test-electron, downloads VS Code).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';

type MochaClass = typeof import('mocha');

interface Result {
  passed: number;
  failed: number;
  pending: number;
  failures: { test: string; error: string }[];
  report: string[];
}

export async function run(): Promise<void> {
  // Mocha 12's package entry is an ES module; its CommonJS build loads with a plain require in
  // every Node the extension host may run on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha: MochaClass = require('mocha/lib/mocha.cjs');

  // The extension host ignores a reassigned console.log, but reporters print through
  // Base.consoleLog. The runner picks tagged lines out of the workbench log and shows them.
  const tag = process.env.MARGINALIA_E2E_LOG_TAG ?? '';
  const result: Result = { passed: 0, failed: 0, pending: 0, failures: [], report: [] };
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    const text = util.format(...args);
    result.report.push(text);
    for (const line of text.split('\n')) console.log(tag + line);
  };

  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000 });
  // Its ✔/✖ symbols come pre-coloured whenever supports-color says yes (as CI=true makes it):
  // plain ones keep escape codes out of the logs.
  Mocha.reporters.Base.symbols.ok = '✔';
  Mocha.reporters.Base.symbols.err = '✖';
  if (process.env.MARGINALIA_E2E_GREP) mocha.grep(process.env.MARGINALIA_E2E_GREP);
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run(resolve);
      runner.on('pass', () => { result.passed++; });
      runner.on('pending', () => { result.pending++; });
      runner.on('fail', (test, err: unknown) => {
        result.failed++;
        const e = err as { stack?: string; message?: string };
        result.failures.push({ test: test.fullTitle(), error: String(e?.stack ?? e?.message ?? err) });
      });
    } catch (e) {
      reject(e);
    }
  });

  // Where the runner asked for it: the result survives even when log forwarding does not.
  if (process.env.MARGINALIA_E2E_RESULT) {
    fs.writeFileSync(process.env.MARGINALIA_E2E_RESULT, JSON.stringify(result, null, 2));
  }
  if (failures > 0) throw new Error(`${failures} end-to-end test(s) failed`);
  if (result.passed === 0) throw new Error('no end-to-end test ran');
}
