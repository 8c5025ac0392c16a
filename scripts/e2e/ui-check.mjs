// UI check: installs the packaged marginalia.vsix into a real VS Code (the VS Code server in the
// code-server npm package), opens the workbench in headless Chromium and checks what a reader
// sees: the language in the status bar, the Outline view, the page in the status bar following
// the cursor, and the hovers. It uses the mouse and keyboard like a person and saves PNG
// screenshots to .e2e-artifacts/screenshots/ (kept by CI; the README shows one of them).
//
//   node scripts/e2e/ui-check.mjs [--vsix marginalia.vsix]
// Needs: scripts/e2e/setup-tools.sh and `npm run package`.
// Set UI_VERBOSE=1 to echo the browser console.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, VSIX, launchChromium, rel, stageDir, writeSummary } from './common.mjs';
import { installExtension, startServer } from './vscode-server.mjs';

const args = process.argv.slice(2);
const vsix = args.includes('--vsix') ? path.resolve(args[args.indexOf('--vsix') + 1]) : VSIX;
const dir = stageDir('ui');
const shots = stageDir('screenshots');
const t0 = Date.now();
const log = (...a) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

let passed = 0;
let failed = 0;
let page;
const shot = async (name) => {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
};
/** One named check: a failure is reported with a screenshot, and the next check still runs. */
async function check(name, fn) {
  try {
    await fn();
    passed++;
    log(`ok   ${name}`);
  } catch (e) {
    failed++;
    const file = await shot(`fail-${name.replace(/\W+/g, '-')}`).catch(() => null);
    log(`FAIL ${name}: ${String(e.message || e).split('\n')[0]}${file ? ` (screenshot ${rel(file)})` : ''}`);
  }
}

// Keyboard helpers. F1 opens the command palette (Ctrl+P went to the chat box in this build).
async function quickInput(text, rowText) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(text);
  // Enter only once the wanted entry is listed, or it runs whatever was first before filtering.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 10000 });
}
const command = (title) => quickInput(`>${title}`, title);
/** Moves the cursor; line and column are 1-based, as the Go to Line box takes them. */
const goTo = (line, column) => quickInput(`:${line}:${column}`, new RegExp(`line ${line}`, 'i'));
const pageStatus = () => page.locator('.statusbar-item', { hasText: /^\s*p\.\s*\d+\s*$/ }).first();
async function expectPageStatus(n) {
  await page.locator('.statusbar-item', { hasText: new RegExp(`^\\s*p\\.\\s*${n}\\s*$`) }).first()
    .waitFor({ timeout: 15000 })
    .catch(async () => { throw new Error(`status bar never showed "p. ${n}" (shows: ${JSON.stringify(await pageStatus().innerText().catch(() => 'nothing'))})`); });
}
async function showHoverAt(line, column, expected) {
  await page.keyboard.press('Escape');
  await goTo(line, column);
  await command('Show or Focus Hover');
  const hover = page.locator('.monaco-hover:visible', { hasText: expected }).first();
  await hover.waitFor({ timeout: 15000 }).catch(async () => {
    const shown = await page.locator('.monaco-hover:visible').allInnerTexts().catch(() => []);
    throw new Error(`no hover with ${expected} at ${line}:${column} within 15 s (hovers shown: ${JSON.stringify(shown)})`);
  });
  // The hover fades in: wait until it is fully drawn so the screenshot shows it.
  await page.waitForFunction((el) => getComputedStyle(el).opacity === '1', await hover.elementHandle(), { timeout: 5000 }).catch(() => {});
  return hover.innerText();
}

let server;
let browser;
try {
  log(`installing ${rel(vsix)}`);
  installExtension(path.join(dir, 'server'), vsix);
  server = await startServer(path.join(dir, 'server'), {
    // Memos are long paragraphs on single lines; a reader wraps them.
    settings: { 'editor.wordWrap': 'on', 'editor.hover.delay': 150, 'editor.minimap.enabled': false },
  });
  browser = await launchChromium({ viewport: { width: 1440, height: 900 } });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  if (process.env.UI_VERBOSE) page.on('console', (m) => console.log(`[browser ${m.type()}]`, m.text().split('\n')[0].slice(0, 200)));
  await page.goto(`${server.baseUrl}/?folder=${encodeURIComponent(FIXTURES)}`);

  let workbenchUp = false;
  await check('workbench loads and lists the fixtures', async () => {
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.getByRole('treeitem', { name: 'kennan-1951.memo' }).first().waitFor({ timeout: 60000 });
    workbenchUp = true;
    await shot('01-workbench');
  });
  if (!workbenchUp) throw new Error('the workbench did not come up; see the screenshot and server log');

  await check('kennan-1951.memo opens in the Memo language', async () => {
    await page.getByRole('treeitem', { name: 'kennan-1951.memo' }).first().click();
    await page.locator('.monaco-editor .view-line', { hasText: '795.00/5' }).first().waitFor({ timeout: 30000 });
    await page.locator('#status\\.editor\\.mode', { hasText: /Memo/ }).waitFor({ timeout: 30000 });
  });

  await check('Outline view shows pages, numbered points and the footnote', async () => {
    // Give the Outline the whole side bar, wide enough for its entries: collapse the folder
    // section of the Explorer and drag the side bar's edge to the right.
    await page.locator('.pane-header', { hasText: 'fixtures' }).first().click();
    const bar = await page.locator('.part.sidebar').boundingBox();
    await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width + 160, bar.y + bar.height / 2, { steps: 5 });
    await page.mouse.up();
    await command('Focus on Outline View');
    const outline = page.locator('.outline-pane');
    await outline.waitFor({ timeout: 15000 });
    for (const entry of ['George F. Kennan to the Deputy Under Secretary', 'Page 508', 'Page 509', '1. It was plain', 'Footnote 1: A typewritten note']) {
      await outline.locator('.monaco-list-row', { hasText: entry }).first().waitFor({ timeout: 20000 })
        .catch(async () => { throw new Error(`no "${entry}" in the Outline; rows: ${JSON.stringify(await outline.locator('.monaco-list-row').allInnerTexts())}`); });
    }
  });

  await check('clicking a point in the Outline moves the cursor there, and the status bar shows its page', async () => {
    // Point 1 (line 32) is on p. 509: its marker is at 22:546.
    await page.locator('.outline-pane .monaco-list-row', { hasText: '1. It was plain' }).first().click();
    await expectPageStatus(509);
    await shot('02-outline');
  });

  await check('the status-bar page follows the cursor across [Page 508]', async () => {
    await goTo(9, 1300); // before the marker at 8:1313 (0-based): still p. 507
    await expectPageStatus(507);
    await goTo(9, 1330); // after it
    await expectPageStatus(508);
  });

  await check('hover on a footnote reference shows the note', async () => {
    await showHoverAt(3, 67, 'A typewritten note');
    await shot('03-hover-footnote');
  });

  await check('hover on a [Page N] marker names the page', async () => {
    const text = await showHoverAt(9, 1316, /508/);
    if (!/508/.test(text)) throw new Error(`hover says ${JSON.stringify(text)}`);
    await shot('04-hover-page');
  });

  await check('a plain-text memo (kennan-1951.txt) is switched to the Memo language', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.pane-header', { hasText: 'fixtures' }).first().click(); // expand the folder again
    await page.getByRole('treeitem', { name: 'kennan-1951.txt' }).first().click();
    await page.locator('.tab.active', { hasText: 'kennan-1951.txt' }).waitFor({ timeout: 15000 });
    await page.locator('#status\\.editor\\.mode', { hasText: /Memo/ }).waitFor({ timeout: 15000 });
  });
} catch (e) {
  failed++;
  log(`FAIL ${String(e.stack || e)}`);
  if (page) await shot('99-failure').catch(() => {});
} finally {
  await browser?.close();
  await server?.stop();
}

writeSummary(dir, { stage: 'ui', passed, failed });
const pngs = fs.existsSync(shots) ? fs.readdirSync(shots).filter((f) => f.endsWith('.png')) : [];
log(`screenshots: ${rel(shots)}/ (${pngs.join(', ')}); server log: ${rel(path.join(dir, 'server', 'server.log'))}`);
console.log(`[ui] ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
