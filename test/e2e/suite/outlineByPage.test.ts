// The opt-in outline nested by printed page (memo.outline.nestByPage), as breadcrumbs use it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEED, activateExtension, fixtureUri, openMemo, show, waitFor } from './helpers';

suite('outline nested by page', () => {
  suiteSetup(async () => { await activateExtension(); });
  teardown(async () => {
    await vscode.workspace.getConfiguration('memo').update('outline.nestByPage', undefined, vscode.ConfigurationTarget.Global);
    // The fixture was edited (never saved): put it back before closing.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the setting nests points and notes under the page they begin on', async () => {
    const editor = await openMemo('kennan-1951.memo');
    await vscode.workspace.getConfiguration('memo').update('outline.nestByPage', true, vscode.ConfigurationTarget.Global);
    // VS Code keeps a document version's outline: the new form shows from the next version on.
    await editor.edit((e) => e.insert(new vscode.Position(4, 0), ' '));
    const root = await waitFor('an outline nested by page', async () => {
      const roots = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', fixtureUri('kennan-1951.memo'));
      const r = roots?.find((s) => s.name === SEED.title);
      return r && r.children.length === 4 ? r : undefined;
    });
    assert.deepStrictEqual(root.children.map((c) => c.name), ['Page 508', 'Page 509', 'Page 510', 'Page 511'], show(root.children.map((c) => c.name)));
    assert.deepStrictEqual(root.children[1].children.map((c) => c.name.split(' ')[0]), ['1.', '2.', '3.']);
    assert.ok(root.children[3].children[0].name.startsWith('Footnote 1:'));
  });
});
