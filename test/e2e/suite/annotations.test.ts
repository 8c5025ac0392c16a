// Annotations in the real VS Code: a note added with the command on a selection lands in the
// sidecar file, shows as a comment thread and in the hover, follows an edit before it, and is
// exported and deleted. Works on a copy of the seed memo that the suite creates and removes,
// so the fixtures stay as they are.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, hoverAt, hoverText, openMemo, show, waitFor } from './helpers';

const NAME = 'annotations-e2e.memo';
const PHRASE = 'a greater freedom of exchange';

interface ThreadInfo {
  id: string;
  range: vscode.Range | undefined;
  label?: string;
  comments: string[];
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function removeQuietly(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri);
  } catch {
    // not there
  }
}

suite('annotations', () => {
  const uri = fixtureUri(NAME);
  const sidecar = fixtureUri(`${NAME}.annotations.json`);
  const threads = async () => (await vscode.commands.executeCommand<ThreadInfo[]>('memo.annotations._threads', uri)) ?? [];

  suiteSetup(async () => {
    await activateExtension();
    await removeQuietly(sidecar);
    const seed = await vscode.workspace.fs.readFile(fixtureUri('kennan-1951.memo'));
    await vscode.workspace.fs.writeFile(uri, seed);
  });
  suiteTeardown(async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeQuietly(uri);
    await removeQuietly(sidecar);
  });

  let id = '';

  test('Add Note on a selection: the note is in the sidecar file and shows as a comment thread', async () => {
    const editor = await openMemo(NAME);
    const start = editor.document.getText().indexOf(PHRASE);
    assert.ok(start > 0, 'fixture: the phrase is in the seed memo');
    const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + PHRASE.length));
    editor.selection = new vscode.Selection(range.start, range.end);
    const added = await vscode.commands.executeCommand<{ id: string }>('memo.annotations.addNote', { text: 'Warmer than last time. #tone' });
    assert.ok(added && /^urn:uuid:/.test(added.id), `the command returns the stored annotation, got ${show(added)}`);
    id = added.id;

    const stored = await waitFor('the sidecar file with the note', async () => {
      const text = await readText(sidecar);
      return text && text.includes(id) ? JSON.parse(text) : undefined;
    });
    const item = stored.first.items[0];
    assert.equal(item.target.selector[0].exact, PHRASE);
    assert.deepEqual(item.body.map((b: { value: string }) => b.value), ['Warmer than last time.', 'tone']);
    assert.equal(item.target['memo:page'], '507');

    const shown = await waitFor('a comment thread on the passage', async () => (await threads()).find((t) => t.id === id && t.range));
    assert.ok(shown.range!.isEqual(range), `thread range ${show(shown.range)} vs selection ${show(range)}`);
    assert.match(shown.comments[0], /Warmer than last time/);
    assert.match(shown.comments[0], /#tone/);
    assert.match(shown.label ?? '', /a greater freedom of exchange/);
  });

  test('the hover on the annotated passage shows the note', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf(PHRASE) + 3);
    const text = await waitFor('a hover with the note', async () => {
      const t = hoverText(await hoverAt(uri, at));
      return /Warmer than last time/.test(t) ? t : undefined;
    });
    assert.match(text, /p\. 507/);
  });

  test('an edit before the passage keeps the thread on the same words', async () => {
    const editor = await openMemo(NAME);
    const ok = await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'An inserted paragraph.\n\n'));
    assert.ok(ok, 'the edit was applied');
    const moved = await waitFor('the thread to follow the edit', async () => {
      const t = (await threads()).find((x) => x.id === id);
      return t?.range && editor.document.getText(t.range) === PHRASE && t.range.start.line > 4 ? t : undefined;
    });
    assert.equal(editor.document.getText(moved.range), PHRASE);
  });

  test('the Annotations view filters by tag; export gives the note as Markdown', async () => {
    assert.equal(await vscode.commands.executeCommand('memo.annotations.filter', '#tone'), 1);
    assert.equal(await vscode.commands.executeCommand('memo.annotations.filter', '#no-such-tag'), 0);
    await vscode.commands.executeCommand('memo.annotations.clearFilter');
    const exported = await vscode.commands.executeCommand<{ content: string; count: number }>('memo.annotations.exportMarkdown', { scope: 'document', uri });
    assert.equal(exported?.count, 1);
    assert.match(exported!.content, /^> a greater freedom of exchange \(p\. 507\)$/m);
    assert.match(exported!.content, /Warmer than last time\./);
  });

  test('Delete removes the note from the file and its thread', async () => {
    await vscode.commands.executeCommand('memo.annotations.deleteNote', { uri, id });
    await waitFor('the note gone from the sidecar file', async () => {
      const text = await readText(sidecar);
      return text && !text.includes(id) && JSON.parse(text).total === 0;
    });
    await waitFor('the thread gone', async () => (await threads()).every((t) => t.id !== id));
  });
});
