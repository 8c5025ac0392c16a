// Citations and the research folder in the real VS Code: Copy Citation puts the Chicago note on
// the clipboard, a page reference in one memo links to the other memo of the same volume, and
// Go to Page lands on the page across files. Fixtures: test/e2e/fixtures/volume/ (two memos of
// FRUS 1951, vol. VII, pt. 2, and the folder's .memo-source.json).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, fmt, openMemo, show, waitFor } from './helpers';

// Positions from test/fixtures/corpus/frus/frus1951v07p2_d94.json and _d96.json.
const D94 = {
  name: 'volume/frus1951v07p2_d94.memo',
  page1683Marker: new vscode.Position(14, 938),
  note6Line: 63, // “6. See telegram 3398 from New Delhi, May 29, p. 1687.”
};
const D96 = {
  name: 'volume/frus1951v07p2_d96.memo',
  note1Line: 63, // “… see despatch 2891, May 24, 1951, p. 1682.”
};

suite('citations and the research folder', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Copy Citation puts the Chicago note with the pinpoint pages on the clipboard', async () => {
    const editor = await openMemo(D94.name);
    // From 20 characters before “[Page 1683]” to 30 after: the selection crosses the marker.
    const m = D94.page1683Marker;
    editor.selection = new vscode.Selection(m.line, m.character - 20, m.line, m.character + 30);
    const expected = 'The Chargé in India (Steere) to the Department of State, May 24, 1951, FRUS 1951, vol. VII, pt. 2, pp. 1682–1683.';
    await vscode.env.clipboard.writeText('(nothing copied yet)');
    // The volume comes from the folder's .memo-source.json, read once the memo is indexed: ask
    // until the citation has it.
    await waitFor(`the clipboard to hold ${show(expected)}`, async () => {
      await vscode.commands.executeCommand('memo.copyCitation');
      const clip = await vscode.env.clipboard.readText();
      return clip === expected || (clip.includes('vol. VII') && assert.fail(`clipboard: ${show(clip)}`));
    });

    // A cursor on page 1683 (after the marker) cites that page alone.
    const after = m.translate(0, 40);
    editor.selection = new vscode.Selection(after, after);
    await vscode.commands.executeCommand('memo.copyCitation');
    assert.strictEqual(await vscode.env.clipboard.readText(), expected.replace('pp. 1682–1683', 'p. 1683'));
  });

  test('Copy Citation with Quotation quotes the selection without the page marker', async () => {
    const editor = await openMemo(D94.name);
    const m = D94.page1683Marker;
    editor.selection = new vscode.Selection(m.line, m.character - 20, m.line, m.character + 30);
    await vscode.commands.executeCommand('memo.copyCitationWithQuotation');
    const clip = await vscode.env.clipboard.readText();
    const selected = editor.document.getText(editor.selection);
    assert.ok(selected.includes('[Page 1683]'), `the selection holds the marker: ${show(selected)}`);
    const quoted = selected.replace(/\s*\[Page 1683\]\s*/, ' ').trim();
    assert.ok(clip.startsWith(`“${quoted}” `), `clipboard: ${show(clip)}`);
    assert.ok(clip.endsWith('pp. 1682–1683.'), `clipboard: ${show(clip)}`);
  });

  test('a page reference in a note links to the other memo of the volume', async () => {
    await openMemo(D94.name);
    const uri = fixtureUri(D94.name);
    const link = await waitFor(`a document link on line ${D94.note6Line} of ${D94.name}`, async () => {
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
      return (links ?? []).find((l) => l.range.start.line === D94.note6Line);
    });
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.getText(link.range), 'p. 1687');
    assert.ok(link.target, 'the link has a target');
    assert.strictEqual(link.target!.path, fixtureUri(D96.name).path, `target: ${link.target!.toString()}`);
    assert.strictEqual(link.target!.fragment, 'L1,1', 'telegram 3398 begins on p. 1687: its first line');

    // And back: the telegram's note cites the despatch by its first page.
    await openMemo(D96.name);
    const back = await waitFor(`a document link on line ${D96.note1Line} of ${D96.name}`, async () => {
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', fixtureUri(D96.name));
      return (links ?? []).find((l) => l.range.start.line === D96.note1Line);
    });
    assert.strictEqual(back.target?.path, uri.path);
  });

  test('Go to Page with a page number lands on that page in the other memo', async () => {
    await openMemo(D96.name);
    const result = await vscode.commands.executeCommand<{ uri: string } | null | undefined>('memo.goToPage', '1683');
    assert.ok(result, 'the server found page 1683');
    const editor = await waitFor(`an editor on ${D94.name} at ${fmt(D94.page1683Marker)}`, () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.path === fixtureUri(D94.name).path && e.selection.active.isEqual(D94.page1683Marker) ? e : undefined;
    });
    assert.ok(editor.document.getText(new vscode.Range(D94.page1683Marker, D94.page1683Marker.translate(0, 11))) === '[Page 1683]');

    // A page no memo of the folder holds: nothing moves.
    const missing = await vscode.commands.executeCommand('memo.goToPage', '9999');
    assert.strictEqual(missing, null);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.path, fixtureUri(D94.name).path);
  });
});
