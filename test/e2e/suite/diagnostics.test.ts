// Transcription checks in the real VS Code: the seed's doubled word is reported as a diagnostic,
// and the quick fixes ([sic], removal, a stub note, renumbering) edit the text exactly.
// Each test works on an untitled copy of a fixture, so the files on disk and the other suites'
// documents are never touched; the copies are reverted and closed at the end.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, fmtRange, show, waitFor } from './helpers';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));

/** An untitled memo holding `text`, shown in an editor. */
async function openCopy(text: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'memo', content: text });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

async function diagnosticOf(doc: vscode.TextDocument, code: string): Promise<vscode.Diagnostic> {
  return waitFor(`a ${code} diagnostic on ${doc.uri.toString()}`,
    () => vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === code));
}

async function quickFix(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
  return waitFor(`a quick fix matching ${title}`, async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    return (actions ?? []).find((a) => title.test(a.title));
  });
}

async function applyFix(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `quick fix “${action.title}” carries no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of “${action.title}” was not applied`);
}

suite('transcription checks and quick fixes', () => {
  let seed = '';
  suiteSetup(async () => {
    await activateExtension();
    seed = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri('kennan-1951.memo')));
    assert.ok(seed.includes('to be be excited'), 'the seed fixture holds its doubled word');
  });
  teardown(async () => {
    // Close the untitled copies without a save prompt.
    while (vscode.window.activeTextEditor?.document.isUntitled) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('the doubled word of the seed is reported, and “[sic]” is inserted after it', async () => {
    const doc = await openCopy(seed);
    const diagnostic = await diagnosticOf(doc, 'repeated-word');
    assert.strictEqual(fmtRange(diagnostic.range), '22:877-22:879', `the diagnostic covers ${fmtRange(diagnostic.range)}`);
    assert.strictEqual(doc.getText(diagnostic.range), 'be');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(diagnostic.source, 'memo');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(doc.uri).map(codeOf), ['repeated-word'],
      'the doubled word is the seed’s only diagnostic');
    const related = diagnostic.relatedInformation ?? [];
    assert.strictEqual(related.length, 1, `related information: ${show(related)}`);
    assert.strictEqual(fmtRange(related[0].location.range), '22:874-22:876');

    await applyFix(await quickFix(doc, diagnostic, /\[sic\]/));
    assert.strictEqual(doc.getText(), seed.replace('to be be excited', 'to be be [sic] excited'));
    await waitFor('the diagnostic to go once marked [sic]', () => vscode.languages.getDiagnostics(doc.uri).length === 0);
  });

  test('removing the duplicate across a page marker keeps the marker', async () => {
    const doc = await openCopy(seed.replace('effort be [Page 508] made', 'effort be [Page 508] be made'));
    await waitFor('two doubled words', () => vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'repeated-word').length === 2);
    const across = vscode.languages.getDiagnostics(doc.uri).find((d) => /across the page break/.test(d.message));
    assert.ok(across, `no diagnostic across the page break: ${show(vscode.languages.getDiagnostics(doc.uri).map((d) => d.message))}`);
    await applyFix(await quickFix(doc, across, /^Remove the repeated “be”$/));
    assert.strictEqual(doc.getText(), seed);
  });

  test('a reference whose note was lost: a stub note is inserted at the end of the notes block', async () => {
    const gifford = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri('gifford-1951.txt')));
    const lastNote = gifford.lastIndexOf('\n  4. ');
    assert.ok(lastNote > 0, 'the gifford fixture has a fourth note');
    const text = gifford.slice(0, lastNote);
    const doc = await openCopy(text);
    const diagnostic = await diagnosticOf(doc, 'footnote-undefined');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    await applyFix(await quickFix(doc, diagnostic, /stub for note 4/));
    assert.strictEqual(doc.getText(), `${text}\n  4. [Note text missing.]`);
    await waitFor('no diagnostics once the note is there', () => vscode.languages.getDiagnostics(doc.uri).length === 0);
  });

  test('a lost point label: the points after it are renumbered', async () => {
    const doc = await openCopy(seed.replace('\n3.\n', '\n'));
    const diagnostic = await diagnosticOf(doc, 'point-sequence');
    assert.strictEqual(doc.getText(diagnostic.range), '4.');
    await applyFix(await quickFix(doc, diagnostic, /^Renumber 4\./));
    const text = doc.getText();
    assert.ok(text.includes('\n3.\nIt is significant'), 'point 4 is now 3');
    assert.ok(text.includes('\n4.\nWhile the Soviet Government'), 'point 5 is now 4');
    assert.strictEqual(text.length, seed.length - 3);
    await waitFor('only the doubled word left', () => {
      const codes = vscode.languages.getDiagnostics(doc.uri).map(codeOf);
      return codes.length === 1 && codes[0] === 'repeated-word';
    });
  });
});
