/** The parser on the shapes real volumes take that the corpus lacks, and on hostile text. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMemo } from '../../server/src/service/parser/parse';
import { joinLines } from '../util/text';

const chile = joinLines(
  'No. 64.',
  'Mr. Martinez to Mr. Frelinghuysen.1',
  '',
  'Legation of Chile,',
  'Washington, July 2, 1881.',
  '',
  'Sir: I received on July 313 the note of the Minister at Nanking.65 On the 4th I replied.47a The fleet sailed [Page xii] at 10.30 a.m. with 1,000 men in 1856.',
  '',
  'I have the honor, &c.,',
  'MARTINEZ.',
  '  1. Not printed.',
  '  2. See post, p. 300.',
  '  3. Ante.',
  '  4. The reply.',
  '     A second paragraph of the fourth note.',
  '',
);

describe('parser', () => {
  test('two-line title, references tied by order while printed labels differ', () => {
    const model = parseMemo(chile);
    assert.equal(model.memos.length, 1);
    const memo = model.memos[0];
    assert.equal(memo.title?.text, 'No. 64. Mr. Martinez to Mr. Frelinghuysen.');
    assert.deepEqual(
      memo.refs.map((r) => [r.label, chile.slice(r.start - 3, r.end), r.note]),
      [
        ['1', 'en.1', 0],
        ['3', ' 313', 1], // July 31 + reference 3
        ['65', 'ng.65', 2],
        ['47a', 'ed.47a', 3],
      ],
    );
    assert.equal(memo.notes[3].text, 'The reply.\nA second paragraph of the fourth note.');
    assert.deepEqual(memo.notes[1].refs, [1]);
    assert.deepEqual(memo.pageMarkers.map((p) => p.page), ['xii']);
    assert.deepEqual(memo.datelines.map((d) => d.text), ['Legation of Chile,', 'Washington, July 2, 1881.']);
  });

  test('years, times, thousands, file numbers and list labels are never references', () => {
    const text = joinLines(
      '795.00/5–2551',
      '',
      'A Title',
      '',
      'In 1951. At 10.30 a.m. and 1,000 men; G–2, Lot 64 D 563, telegram 1047.',
      '',
      '1.',
      'The first point.',
      '  1. A note nobody references.',
    );
    const memo = parseMemo(text).memos[0];
    assert.deepEqual(memo.refs, []);
    assert.equal(memo.notes.length, 1);
    assert.deepEqual(memo.points.map((p) => p.label), ['1.']);
  });

  test('CRLF, a BOM, tabs and non-breaking spaces keep exact offsets', () => {
    const text = '\uFEFF795.00/5–2551\r\n\r\nKennan to Matthews1\r\n\r\nsecret\u00a0 priority\r\n\r\nText\twith [Page 508] a marker.\r\n  1. The note.\r\n';
    const model = parseMemo(text);
    const memo = model.memos[0];
    assert.equal(memo.fileNumber?.text, '795.00/5–2551');
    assert.equal(memo.title?.text, 'Kennan to Matthews');
    assert.equal(memo.classifications.length, 1);
    assert.equal(text.slice(memo.pageMarkers[0].start, memo.pageMarkers[0].end), '[Page 508]');
    assert.deepEqual(model.lines.positionAt(memo.pageMarkers[0].start), { line: 6, character: 10 });
    assert.equal(text.slice(memo.refs[0].start, memo.refs[0].end), '1');
    assert.equal(memo.notes[0].text, 'The note.');
  });

  test('several memos pasted into one file', () => {
    const one = joinLines('611.93B/5–2451', '', 'First Memo1', '', 'Body [Page 10] text.', '  1. Note of the first.');
    const two = joinLines('793B.00/5–2951: Telegram', '', 'Second Memo1', '', 'Other [Page 11] text.', '  1. Note of the second.');
    const model = parseMemo(`${one}\n\n${two}\n`);
    assert.deepEqual(model.memos.map((m) => m.title?.text), ['First Memo', 'Second Memo']);
    assert.deepEqual(model.memos.map((m) => m.notes.map((n) => n.text)), [['Note of the first.'], ['Note of the second.']]);
    assert.deepEqual(model.pageMarkers.map((p) => p.page), ['10', '11']);
  });

  test('editorial insertions and quotations', () => {
    const text = joinLines('Title', '', 'He said “the value of [the] other party” [sic] at [Page 509] once. [Here follows text.]');
    const memo = parseMemo(text).memos[0];
    assert.deepEqual(memo.insertions.map((s) => text.slice(s.start, s.end)), ['[the]', '[sic]', '[Here follows text.]']);
    assert.deepEqual(memo.quotations.map((s) => text.slice(s.start, s.end)), ['“the value of [the] other party”']);
  });

  test('points: alone on a line (numbers, letters, roman, parenthesised, ordinal) and inline', () => {
    const text = joinLines('Title', '', '1.', 'One.', '(a)', 'Sub a.', 'iv.', 'Roman.', '5)', 'Five.', '1st:', 'First.', '', '2. The inline point.');
    const memo = parseMemo(text).memos[0];
    assert.deepEqual(memo.points.map((p) => [p.label, p.inline, p.firstWords]), [
      ['1.', false, 'One.'],
      ['(a)', false, 'Sub a.'],
      ['iv.', false, 'Roman.'],
      ['5)', false, 'Five.'],
      ['1st:', false, 'First.'],
      ['2.', true, 'The inline point.'],
    ]);
  });

  test('empty text, blank text, text with no structure and random bytes never throw', () => {
    for (const text of ['', '\n\n\n', 'just some words', '[Page', '  1. x', '1.\n', '\r\r\n\u2028', '\uFEFF']) {
      const model = parseMemo(text);
      for (const memo of model.memos) assert.ok(memo.start <= memo.end && memo.end <= text.length);
    }
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 50; n++) {
      const chars = Array.from({ length: 400 }, () => String.fromCharCode(Math.floor(random() * 0x3000)));
      assert.doesNotThrow(() => parseMemo(chars.join('')));
    }
  });
});

describe('parser: head', () => {
  test('a page marker on a line of its own before the head does not hide the title', () => {
    const memo = parseMemo(joinLines('[Page 12]', '', '611.93B/5–2451', '', 'The Title', '', 'Body.')).memos[0];
    assert.equal(memo.fileNumber?.text, '611.93B/5–2451');
    assert.equal(memo.title?.text, 'The Title');
    assert.equal(memo.pageMarkers[0].page, '12');
  });
});
