// The status-bar page follows the cursor across [Page N] markers, and memo/pageAt answers.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { MarginaliaApi, activateExtension, fixtureUri, openMemo, show, waitFor } from './helpers';

suite('page in the status bar', () => {
  let api: MarginaliaApi;
  suiteSetup(async () => { api = await activateExtension(); });
  suiteTeardown(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  test('follows the cursor across page markers', async () => {
    const editor = await openMemo('kennan-1951.memo');
    // Text before the first marker lies on the page before it (the memo starts on p. 507).
    const stops: [number, number, string][] = [
      [4, 0, '507'],
      [8, 1300, '507'], // just before "[Page 508]" at 8:1313
      [8, 1330, '508'], // just after it
      [30, 0, '509'],
      [45, 10, '511'],
      [8, 1300, '507'], // and back
    ];
    for (const [line, character, page] of stops) {
      editor.selection = new vscode.Selection(line, character, line, character);
      await waitFor(`the status bar to show page ${page} at ${line}:${character} (now ${show(api.pageStatusText())})`,
        () => new RegExp(`\\b${page}\\b`).test(api.pageStatusText() ?? '') || undefined);
    }
  });

  test('memo/pageAt gives the page of a position', async () => {
    await openMemo('kennan-1951.memo');
    const uri = api.client.code2ProtocolConverter.asUri(fixtureUri('kennan-1951.memo'));
    const pageAt = (line: number, character: number) =>
      api.client.sendRequest<{ page: string | null }>('memo/pageAt', { textDocument: { uri }, position: { line, character } });
    assert.deepStrictEqual(await pageAt(22, 540), { page: '508' }); // "[Page 509]" starts at 22:546
    assert.deepStrictEqual(await pageAt(22, 560), { page: '509' });
    assert.deepStrictEqual(await pageAt(47, 5), { page: '511' });
  });
});
