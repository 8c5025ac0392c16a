/**
 * Quick fixes: each produces exact LSP text edits, and the fixed text no longer has the problem.
 * Cases are real corpus text altered the way copying alters it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { NOTE_STUB, codeActions } from '../../server/src/service/features/codeActions';
import { checkMemo, type DiagnosticCode } from '../../server/src/service/features/diagnostics';
import { LineIndex } from '../../server/src/service/parser/lineIndex';
import { parseMemo } from '../../server/src/service/parser/parse';
import { corpusDocuments } from '../util/corpus';
import { SEED_TEXT } from '../util/seed';

const URI = 'file:///memo.txt';

function corpus(name: string): string {
  const d = corpusDocuments().find((c) => c.name === name);
  assert.ok(d, name);
  return d.text;
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `fixture edit: ${JSON.stringify(from)} must occur once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The code actions for the diagnostics of `code`, asked at each diagnostic's own range. */
function actionsFor(text: string, code: DiagnosticCode): CodeAction[] {
  const model = parseMemo(text);
  const diagnostics = checkMemo(model).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `no ${code} diagnostic`);
  return codeActions(model, URI, diagnostics, diagnostics[0].span);
}

function editsOf(action: CodeAction): TextEdit[] {
  const changes = action.edit?.changes?.[URI];
  assert.ok(changes, `action "${action.title}" has no edit for ${URI}`);
  return changes;
}

/** Applies LSP edits the way an editor does (positions resolved against the original text). */
function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
  spans.sort((a, b) => b.start - a.start);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i].end <= spans[i - 1].start, 'edits must not overlap');
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

const codes = (text: string) => checkMemo(parseMemo(text)).map((d) => d.code);

describe('quick fix: repeated word', () => {
  test('the seed’s “to be be excited”: [sic] or removal, as exact edits', () => {
    const actions = actionsFor(SEED_TEXT, 'repeated-word');
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Mark “be be” as [sic]', 'quickfix', true],
      ['Remove the repeated “be”', 'quickfix', false],
    ]);
    assert.deepEqual(editsOf(actions[0]), [{ range: { start: { line: 22, character: 879 }, end: { line: 22, character: 879 } }, newText: ' [sic]' }]);
    assert.deepEqual(editsOf(actions[1]), [{ range: { start: { line: 22, character: 877 }, end: { line: 22, character: 880 } }, newText: '' }]);
    assert.equal(actions[0].diagnostics?.[0].code, 'repeated-word');
    assert.equal(actions[0].diagnostics?.[0].source, 'memo');

    const sic = apply(SEED_TEXT, editsOf(actions[0]));
    assert.ok(sic.includes('seemed to us to be be [sic] excited, irresponsible'));
    assert.deepEqual(codes(sic), []);
    const removed = apply(SEED_TEXT, editsOf(actions[1]));
    assert.ok(removed.includes('seemed to us to be excited, irresponsible'));
    assert.equal(removed.length, SEED_TEXT.length - 3);
    assert.deepEqual(codes(removed), []);
  });

  test('across a page marker the marker stays: “be [Page 508] be made” → “be [Page 508] made”', () => {
    const text = replaceOnce(SEED_TEXT, 'effort be [Page 508] made', 'effort be [Page 508] be made');
    const actions = actionsFor(text, 'repeated-word');
    const removed = apply(text, editsOf(actions[1]));
    assert.equal(removed, SEED_TEXT, 'back to the seed as printed');
    const sic = apply(text, editsOf(actions[0]));
    assert.ok(sic.includes('effort be [Page 508] be [sic] made'));
  });

  test('a word doubled at the end of a sentence: the space before it goes', () => {
    const text = 'Title\n\nThey agreed to the the.\n';
    const model = parseMemo(text);
    const d = checkMemo(model);
    const actions = codeActions(model, URI, d, d[0].span);
    assert.equal(apply(text, editsOf(actions[1])), 'Title\n\nThey agreed to the.\n');
  });

  test('no action away from the diagnostic', () => {
    const model = parseMemo(SEED_TEXT);
    const diagnostics = checkMemo(model);
    assert.deepEqual(codeActions(model, URI, diagnostics, { start: 0, end: 10 }), []);
  });
});

describe('quick fix: missing note stub', () => {
  const d95 = corpus('frus/frus1951v07p2_d95');

  test('a note lost at the end of the notes block: the stub goes after the last note', () => {
    const text = d95.slice(0, d95.lastIndexOf('\n  4. '));
    const actions = actionsFor(text, 'footnote-undefined');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Insert a stub for note 4 at the end of the notes block');
    const lines = new LineIndex(text);
    const end = lines.positionAt(text.length);
    assert.deepEqual(editsOf(actions[0]), [{ range: { start: end, end }, newText: `\n  4. ${NOTE_STUB}` }]);
    const fixed = apply(text, editsOf(actions[0]));
    assert.ok(fixed.endsWith(`  3. Ante, p. 390.\n  4. ${NOTE_STUB}`));
    assert.deepEqual(codes(fixed), []);
    const memo = parseMemo(fixed).memos[0];
    assert.equal(memo.notes.length, 4);
    assert.equal(memo.notes[3].text, NOTE_STUB);
    assert.equal(fixed.slice(memo.refs[3].start - 7, memo.refs[3].end), 'bodies.4', 'the stub is reference 4’s note');
  });

  test('CRLF text gets CRLF lines', () => {
    const text = d95.slice(0, d95.lastIndexOf('\n  4. ')).replace(/\n/g, '\r\n');
    const actions = actionsFor(text, 'footnote-undefined');
    assert.equal(editsOf(actions[0])[0].newText, `\r\n  4. ${NOTE_STUB}`);
    assert.deepEqual(codes(apply(text, editsOf(actions[0]))), []);
  });

  test('a memo without a notes block gets a new one', () => {
    const text = SEED_TEXT.slice(0, SEED_TEXT.indexOf('\n\n  1. A typewritten') + 1);
    const actions = actionsFor(text, 'footnote-undefined');
    assert.equal(actions[0].title, 'Insert a stub for note 1 in a new notes block');
    const fixed = apply(text, editsOf(actions[0]));
    assert.ok(fixed.endsWith(`those of action.\n\n  1. ${NOTE_STUB}\n`), JSON.stringify(fixed.slice(-80)));
    assert.deepEqual(codes(fixed), ['repeated-word']);
    assert.equal(parseMemo(fixed).memos[0].refs.length, 1);
  });

  test('a notes block that skips note 2: the stub goes in its place', () => {
    const text = replaceOnce(d95, d95.slice(d95.indexOf('  2. For the text'), d95.indexOf('  3. Ante')), '');
    const actions = actionsFor(text, 'footnote-order');
    assert.equal(actions[0].title, 'Insert a stub for note 2 where the notes block skips it');
    const at = new LineIndex(text).positionAt(text.indexOf('  3. Ante'));
    assert.deepEqual(editsOf(actions[0]), [{ range: { start: at, end: at }, newText: `  2. ${NOTE_STUB}\n` }]);
    const fixed = apply(text, editsOf(actions[0]));
    assert.deepEqual(codes(fixed), []);
    assert.deepEqual(parseMemo(fixed).memos.map((m) => m.notes.length), [4]);
  });
});

describe('quick fix: renumber points', () => {
  test('the seed with the label 3. lost: 4. and 5. become 3. and 4.', () => {
    const text = replaceOnce(SEED_TEXT, '\n3.\n', '\n');
    const actions = actionsFor(text, 'point-sequence');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Renumber 4. and the 1 point after it as 3.–4.');
    assert.deepEqual(editsOf(actions[0]), [
      { range: { start: { line: 37, character: 0 }, end: { line: 37, character: 2 } }, newText: '3.' },
      { range: { start: { line: 39, character: 0 }, end: { line: 39, character: 2 } }, newText: '4.' },
    ]);
    const fixed = apply(text, editsOf(actions[0]));
    assert.deepEqual(codes(fixed), ['repeated-word']);
    assert.deepEqual(parseMemo(fixed).memos[0].points.map((p) => p.label), ['1.', '2.', '3.', '4.']);
  });

  test('letters, parenthesised: (a) (b) (d) (e) → (c) (d); the nested list after is left alone', () => {
    const d53 = corpus('frus/frus1917Supp02v02_d53');
    const c = d53.indexOf('\n(c)\n');
    const text = d53.slice(0, c) + d53.slice(d53.indexOf('\n(d)\n'));
    const before = parseMemo(text).memos[0].points.map((p) => p.label);
    assert.deepEqual(before, ['(a)', '(b)', '(d)', '(e)', '(f)', '(1)', '(2)', '(3)', '(g)']);
    const fixed = apply(text, editsOf(actionsFor(text, 'point-sequence')[0]));
    assert.deepEqual(parseMemo(fixed).memos[0].points.map((p) => p.label), ['(a)', '(b)', '(c)', '(d)', '(e)', '(1)', '(2)', '(3)', '(f)']);
    assert.deepEqual(codes(fixed), []);
  });

  test('roman numerals and ordinals keep their style', () => {
    const roman = ['Title', '', 'i.', 'One.', 'ii.', 'Two.', 'iv.', 'Four.', 'v.', 'Five.', ''].join('\n');
    const fixedRoman = apply(roman, editsOf(actionsFor(roman, 'point-sequence')[0]));
    assert.deepEqual(parseMemo(fixedRoman).memos[0].points.map((p) => p.label), ['i.', 'ii.', 'iii.', 'iv.']);
    const ordinal = ['Title', '', '1st:', 'One.', '2nd:', 'Two.', '4th:', 'Four.', ''].join('\n');
    const fixedOrdinal = apply(ordinal, editsOf(actionsFor(ordinal, 'point-sequence')[0]));
    assert.deepEqual(parseMemo(fixedOrdinal).memos[0].points.map((p) => p.label), ['1st:', '2nd:', '3rd:']);
  });
});
