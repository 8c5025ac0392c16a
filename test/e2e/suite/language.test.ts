// The document gets the memo language: by extension, by plain-text detection, and by hand.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, openDocument, openMemo, runCommand, waitFor } from './helpers';

suite('memo language', () => {
  suiteSetup(async () => { await activateExtension(); });
  teardown(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  test('a .memo file opens in the memo language', async () => {
    const doc = await vscode.workspace.openTextDocument(fixtureUri('kennan-1951.memo'));
    assert.strictEqual(doc.languageId, 'memo');
  });

  test('a plain .txt file that looks like a memo is switched to memo on open', async () => {
    const editor = await openMemo('kennan-1951.txt');
    assert.strictEqual(editor.document.languageId, 'memo');
  });

  test('plain text that is not a memo stays plain text, and memo.switchToMemo switches it by hand', async () => {
    const notes = fixtureUri('reading-notes.txt');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(notes), { preview: false });
    // Nothing to wait for when nothing should happen, so open a real memo after it: once that
    // one has been switched, the detection has also looked at (and left) the notes.
    await openMemo('gifford-1951.txt');
    assert.strictEqual(openDocument(notes)?.languageId, 'plaintext', 'reading-notes.txt was taken for a memo');

    await vscode.window.showTextDocument(openDocument(notes)!, { preview: false });
    await runCommand('memo.switchToMemo');
    await waitFor('reading-notes.txt to be switched to memo by the command',
      () => openDocument(notes)?.languageId === 'memo' || undefined);
  });
});
