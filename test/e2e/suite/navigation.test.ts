// Hover, go to definition and find references between a footnote reference and its note.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEED, activateExtension, fixtureUri, fmt, fmtRange, hoverAt, hoverText, openMemo, show, waitFor } from './helpers';

type Target = vscode.Location | vscode.LocationLink;
const targetOf = (t: Target) => ('targetUri' in t
  ? { uri: t.targetUri, range: t.targetSelectionRange ?? t.targetRange }
  : { uri: t.uri, range: t.range });

suite('hover, definition, references', () => {
  const uri = () => fixtureUri('kennan-1951.memo');
  suiteSetup(async () => {
    await activateExtension();
    await openMemo('kennan-1951.memo');
  });
  suiteTeardown(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  test('hover on a [Page N] marker names the page', async () => {
    const pos = SEED.page508Marker.translate(0, 2);
    const text = await waitFor(`a hover at ${fmt(pos)}`, async () => hoverText(await hoverAt(uri(), pos)));
    assert.match(text, /\b508\b/, `hover on [Page 508] says: ${show(text)}`);
  });

  test('hover on a footnote reference shows the note', async () => {
    const text = await waitFor('a hover on the footnote reference',
      async () => hoverText(await hoverAt(uri(), SEED.footnoteRef)));
    assert.match(text, /A typewritten note attached to the source text/, `hover says: ${show(text)}`);
  });

  test('no hover on ordinary prose', async () => {
    // Guards the two tests above against a server that hovers everything with the same text.
    const text = hoverText(await hoverAt(uri(), new vscode.Position(4, 20)));
    assert.doesNotMatch(text, /typewritten note|\b508\b/, `unexpected hover on prose: ${show(text)}`);
  });

  test('go to definition from the reference lands on its note', async () => {
    const defs = await waitFor('a definition for the footnote reference', async () => {
      const d = await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', uri(), SEED.footnoteRef);
      return d && d.length > 0 ? d : undefined;
    });
    const t = targetOf(defs[0]);
    assert.strictEqual(t.uri.toString(), uri().toString());
    assert.strictEqual(t.range.start.line, SEED.footnoteLine, `definition went to ${fmtRange(t.range)}`);
  });

  test('references from the note include the reference in the title', async () => {
    const notePos = new vscode.Position(SEED.footnoteLine, 2);
    const refs = await waitFor('references from the note label', async () => {
      const r = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri(), notePos);
      return r && r.length > 0 ? r : undefined;
    });
    assert.ok(refs.some((r) => r.uri.toString() === uri().toString() && r.range.contains(SEED.footnoteRef)),
      `references: ${show(refs.map((r) => fmtRange(r.range)))}`);
  });
});
