// Every command the extension contributes is registered and runs without error on a memo.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, openMemo, runCommand, show } from './helpers';

suite('contributed commands', () => {
  suiteSetup(async () => { await activateExtension(); });
  suiteTeardown(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  const contributed: { command: string }[] =
    vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.contributes?.commands ?? [];

  test('the extension contributes commands and registers each of them', async () => {
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${show(missing)}`);
  });

  for (const { command } of contributed) {
    test(`${command} runs on the seed memo`, async () => {
      await openMemo('kennan-1951.memo');
      await runCommand(command);
    });
  }
});
