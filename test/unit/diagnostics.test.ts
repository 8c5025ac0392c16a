/**
 * The transcription checks, each code with positive and negative cases cut from real FRUS text
 * (the corpus documents, altered the way copying and OCR alter them), and the whole corpus:
 * what the checks report there, each report read and found right.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_LEVELS,
  DIAGNOSTIC_CODES,
  checkMemo,
  readSettings,
  type DiagnosticCode,
  type DiagnosticSettings,
  type MemoDiagnostic,
} from '../../server/src/service/features/diagnostics';
import { parseMemo } from '../../server/src/service/parser/parse';
import { corpusDocuments } from '../util/corpus';
import { SEED_TEXT } from '../util/seed';

const DOCS = new Map(corpusDocuments().map((d) => [d.name, d.text]));

function corpus(name: string): string {
  const text = DOCS.get(name);
  assert.ok(text !== undefined, `no corpus document ${name}`);
  return text;
}

/** `text` with the one occurrence of `from` replaced: a fixture edit that cannot miss its place. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0, `fixture edit: ${JSON.stringify(from)} not found`);
  assert.equal(text.indexOf(from, at + 1), -1, `fixture edit: ${JSON.stringify(from)} occurs more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** A diagnostic as a line: code, the text it covers, its line and column (1-based), message. */
function describeAll(text: string, settings?: DiagnosticSettings): string[] {
  const model = parseMemo(text);
  return checkMemo(model, settings).map((d) => show(text, model, d));
}

function show(text: string, model: ReturnType<typeof parseMemo>, d: MemoDiagnostic): string {
  const p = model.lines.positionAt(d.span.start);
  return `${p.line + 1}:${p.character + 1} ${d.severity} ${d.code} ⟦${text.slice(d.span.start, d.span.end)}⟧ ${d.message}`;
}

function only(text: string, code: DiagnosticCode): MemoDiagnostic[] {
  return checkMemo(parseMemo(text)).filter((d) => d.code === code);
}

const covered = (text: string, d: { start: number; end: number }) => text.slice(d.start, d.end);

describe('diagnostics: the seed', () => {
  test('the real doubled word “to be be excited” is the only diagnostic', () => {
    const model = parseMemo(SEED_TEXT);
    const found = checkMemo(model);
    assert.equal(found.length, 1, describeAll(SEED_TEXT).join('\n'));
    const [d] = found;
    assert.equal(d.code, 'repeated-word');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(model.lines.positionAt(d.span.start), { line: 22, character: 877 });
    assert.equal(covered(SEED_TEXT, d.span), 'be');
    assert.equal(SEED_TEXT.slice(d.span.start - 12, d.span.end + 8), 'to us to be be excited');
    assert.equal(d.related.length, 1);
    assert.equal(d.related[0].span.end + 1, d.span.start, 'related: the first “be”, just before');
  });
});

describe('diagnostics: the whole corpus (seed and both renderings)', () => {
  // Read one by one: the seed's doubled word is real (FRUS prints it); d93's Appendix A numbers its
  // paragraphs 1–5 and then 7, in the edition's TEI as in both renderings: the list does skip 6.
  const EXPECTED: Record<string, string[]> = {
    'seed/kennan-1951': ['23:878 warning repeated-word ⟦be⟧ “be” is repeated.'],
    'frus/frus1951v07p2_d93': ['75:1 warning point-sequence ⟦7.⟧ Point 7. follows 5.: 6. is missing.'],
    'frus-extraction/frus1951v07p2_d93': ['73:1 warning point-sequence ⟦7.⟧ Point 7. follows 5.: 6. is missing.'],
  };
  for (const d of corpusDocuments()) {
    test(d.name, () => {
      assert.deepEqual(describeAll(d.text), EXPECTED[d.name] ?? []);
    });
  }
});

describe('footnote-undefined', () => {
  const d95 = corpus('frus-extraction/frus1951v07p2_d95');
  const withoutNote4 = d95.slice(0, d95.lastIndexOf('\n  4. '));

  test('a reference whose note was lost: the last note of a real telegram dropped', () => {
    const found = only(withoutNote4, 'footnote-undefined');
    assert.equal(found.length, 1, describeAll(withoutNote4).join('\n'));
    const [d] = found;
    assert.equal(d.severity, 'error');
    assert.equal(withoutNote4.slice(d.span.start - 7, d.span.end), 'bodies.4');
    // `Dec 142` (December 14, reference 2) is a date to the parser once a note is missing; the
    // label sequence 1, 2, 3, 4 still shows four references for three notes.
    assert.equal(d.message, 'Footnote reference “4” has no note: the text has 4 references (1, 2, 3, 4) and the notes block 3 notes.');
    assert.deepEqual(d.related.map((r) => covered(withoutNote4, r.span)), ['3', '3.']);
    assert.deepEqual(d.data, { kind: 'missing-note', at: withoutNote4.length, numbers: [4], placement: 'after-line' });
    assert.deepEqual(describeAll(withoutNote4).map((s) => s.split(' ')[2]), ['footnote-undefined']);
  });

  test('a memo whose notes block was lost: the seed without its note', () => {
    const text = SEED_TEXT.slice(0, SEED_TEXT.indexOf('\n  1. A typewritten'));
    const found = only(text, 'footnote-undefined');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].span.start - 10, found[0].span.end), '(Matthews)1');
    assert.match(found[0].message, /the memo has no notes block/);
  });

  test('not reported: glued numbers that do not continue the labels, re-used labels, dates', () => {
    // MIG15 and B29 are glued to letters but are not the next label (5).
    const text = replaceOnce(d95, 'Gifford\n', 'The MIG15 and the B29 were mentioned.\n\nGifford\n');
    assert.deepEqual(only(text, 'footnote-undefined'), []);
    // 1951 vol. VII prints one “Not printed.” note number several times: 6 … 6, 7, 6.
    assert.deepEqual(describeAll(corpus('frus/frus1951v07p2_d96')), []);
    // Labels restarting per page (1917): 1, 1, 1, 2.
    assert.deepEqual(describeAll(corpus('frus/frus1917Supp02v02_d61')), []);
  });
});

describe('footnote-unused', () => {
  const d95 = corpus('frus/frus1951v07p2_d95');

  test('a note whose reference was lost: “bodies.4” copied as “bodies.”', () => {
    const text = replaceOnce(d95, 'pertinent internatl bodies.4 We', 'pertinent internatl bodies. We');
    const found = only(text, 'footnote-unused');
    assert.equal(found.length, 1, describeAll(text).join('\n'));
    assert.equal(covered(text, found[0].span), '4.');
    assert.match(found[0].message, /^Note 4 is referred to nowhere in the text/);
    assert.deepEqual(found[0].related.map((r) => r.message), ['note 3 is referred to here']);
    assert.deepEqual(describeAll(text).map((s) => s.split(' ')[2]), ['footnote-unused']);
  });

  test('a middle note: related places are the references of the notes around it', () => {
    const text = replaceOnce(d95, 'Apr 30,3 to Morrison', 'Apr 30, to Morrison');
    const found = only(text, 'footnote-unused');
    assert.equal(found.length, 1, describeAll(text).join('\n'));
    assert.equal(covered(text, found[0].span), '3.');
    assert.deepEqual(found[0].related.map((r) => r.message), ['note 2 is referred to here', 'note 4 is referred to here']);
  });
});

describe('footnote-order', () => {
  const d95 = corpus('frus/frus1951v07p2_d95');

  test('a notes block that skips a number (note 2 lost): reported at note 3, stub fix data', () => {
    const text = replaceOnce(d95, d95.slice(d95.indexOf('  2. For the text'), d95.indexOf('  3. Ante')), '');
    const found = checkMemo(parseMemo(text));
    assert.deepEqual(found.map((d) => d.code), ['footnote-order'], describeAll(text).join('\n'));
    assert.equal(covered(text, found[0].span), '3.');
    assert.match(found[0].message, /^Note 3 follows note 1: note 2 is missing/);
    assert.deepEqual(found[0].data, { kind: 'missing-note', at: text.indexOf('  3. Ante'), numbers: [2], placement: 'before-line' });
    assert.deepEqual(found[0].related.map((r) => covered(text, r.span)), ['1.']);
  });

  test('a notes block whose first note is lost', () => {
    const text = replaceOnce(d95, d95.slice(d95.indexOf('  1. For the text'), d95.indexOf('  2. For the text')), '');
    const found = checkMemo(parseMemo(text));
    assert.deepEqual(found.map((d) => d.code), ['footnote-order'], describeAll(text).join('\n'));
    assert.match(found[0].message, /^Note 2 follows no note: note 1 is missing/);
  });

  test('labels running back to a label never used: 1, 3, 2, 4', () => {
    let text = replaceOnce(d95, 'Dec 142 it', 'Dec 14,3 it');
    text = replaceOnce(text, 'Apr 30,3 to', 'Apr 30,2 to');
    const found = only(text, 'footnote-order');
    assert.equal(found.length, 1, describeAll(text).join('\n'));
    assert.equal(covered(text, found[0].span), '2');
    assert.match(found[0].message, /label “2” comes after “3”/);
  });

  test('not reported: symbols among numbers, per-page restarts, a first label other than 1', () => {
    for (const name of ['frus/frus1951v07p2_d93', 'frus/frus1917Supp02v02_d59', 'frus/frus1917Supp02v02_d56', 'frus/frus1951v07p2_d104']) {
      assert.deepEqual(only(corpus(name), 'footnote-order'), [], name);
    }
  });
});

describe('page-gap and page-order', () => {
  test('[Page 508] followed by [Page 510]: page 509 lost', () => {
    const text = replaceOnce(SEED_TEXT, 'conflicting [Page 509] ideologies', 'conflicting ideologies');
    const found = checkMemo(parseMemo(text));
    assert.deepEqual(found.map((d) => d.code), ['repeated-word', 'page-gap']);
    assert.equal(covered(text, found[1].span), '[Page 510]');
    assert.equal(found[1].message, 'Page 509 is missing between [Page 508] and [Page 510].');
    assert.equal(covered(text, found[1].related[0].span), '[Page 508]');
  });

  test('several pages, and roman pages', () => {
    const text = replaceOnce(replaceOnce(SEED_TEXT, '[Page 509]', '[Page xii]'), '[Page 510]', '[Page xv]');
    const found = only(text, 'page-gap');
    assert.deepEqual(found.map((d) => d.message), ['Pages xiii, xiv are missing between [Page xii] and [Page xv].']);
    const many = replaceOnce(SEED_TEXT, '[Page 511]', '[Page 516]');
    assert.deepEqual(only(many, 'page-gap').map((d) => d.message), ['Pages 511, 512, 513 … (5 pages) are missing between [Page 510] and [Page 516].']);
  });

  test('backwards and repeated markers are page-order errors', () => {
    const swapped = replaceOnce(replaceOnce(SEED_TEXT, '[Page 509]', '[Page X]'), '[Page 510]', '[Page 509]').replace('[Page X]', '[Page 510]');
    const found = checkMemo(parseMemo(swapped));
    assert.deepEqual(found.map((d) => `${d.code} ${d.severity} ${d.message}`), [
      'page-gap warning Page 509 is missing between [Page 508] and [Page 510].',
      'repeated-word warning “be” is repeated.',
      'page-order error [Page 509] comes after [Page 510]: the pages run backwards.',
      'page-gap warning Page 510 is missing between [Page 509] and [Page 511].',
    ]);
    const repeated = replaceOnce(SEED_TEXT, '[Page 510]', '[Page 509]');
    assert.deepEqual(only(repeated, 'page-order').map((d) => d.message), ['[Page 509] repeats the previous page marker.']);
  });

  test('not reported: a document starting mid-volume, roman to arabic, a page break inside a note', () => {
    // Every corpus document starts mid-volume (the seed on 507, its first marker 508).
    assert.deepEqual(only(SEED_TEXT, 'page-gap'), []);
    const front = replaceOnce(replaceOnce(SEED_TEXT, '[Page 508]', '[Page xi]'), '[Page 509]', '[Page xii]');
    assert.deepEqual(checkMemo(parseMemo(front)).filter((d) => d.code.startsWith('page')), [], 'xi, xii, then 510: front matter, then the body');
    // The page 509 break falls in the long note: the body goes 508 → 510, the notes hold 509.
    let text = replaceOnce(SEED_TEXT, 'conflicting [Page 509] ideologies', 'conflicting ideologies');
    text = replaceOnce(text, 'informing her that', 'informing [Page 509] her that');
    assert.deepEqual(only(text, 'page-gap'), []);
  });
});

describe('point-sequence', () => {
  const point3 = SEED_TEXT.slice(SEED_TEXT.indexOf('\n3.\n'), SEED_TEXT.indexOf('\n4.\n'));

  test('a lost point: 1, 2, 4, 5', () => {
    const text = replaceOnce(SEED_TEXT, point3, '');
    const found = only(text, 'point-sequence');
    assert.equal(found.length, 1);
    assert.equal(covered(text, found[0].span), '4.');
    assert.equal(found[0].message, 'Point 4. follows 2.: 3. is missing.');
    assert.equal(covered(text, found[0].related[0].span), '2.');
    assert.equal(found[0].data?.kind, 'renumber');
  });

  test('a repeated label and a list running backwards', () => {
    const repeated = replaceOnce(SEED_TEXT, '\n3.\n', '\n2.\n');
    assert.deepEqual(only(repeated, 'point-sequence').map((d) => d.message), [
      'Point 2. repeats the label of the previous point.',
      'Point 4. follows 2.: 3. is missing.',
    ]);
    const restart = replaceOnce(replaceOnce(SEED_TEXT, '\n4.\n', '\n1.\n'), '\n5.\n', '\n2.\n');
    assert.deepEqual(only(restart, 'point-sequence'), [], 'back to 1 is a new list');
    const afterRestart = replaceOnce(SEED_TEXT, '\n4.\n', '\n1.\n');
    assert.deepEqual(only(afterRestart, 'point-sequence').map((d) => d.message), ['Point 5. follows 1.: 2. to 4. are missing.']);
    const back2 = replaceOnce(SEED_TEXT, '\n5.\n', '\n2.\n');
    assert.deepEqual(only(back2, 'point-sequence').map((d) => d.message), ['Point 2. follows 4.: the numbering runs backwards.']);
  });

  test('nested lists, restarts, letters that are numerals: no report on the real lists', () => {
    // (a)…(f), then (1)(2)(3) nested in (f), then (g): d53. 1. 2. a. b. c. d.: d101. 1)…6): d99.
    for (const name of ['frus/frus1917Supp02v02_d53', 'frus/frus1951v07p2_d101', 'frus/frus1951v07p2_d99', 'frus/frus1951v07p2_d96']) {
      assert.deepEqual(only(corpus(name), 'point-sequence'), [], name);
    }
    const letters = ['Title', '', ...'abcdefghij'.split('').flatMap((l) => [`${l}.`, `Item ${l}.`])].join('\n');
    assert.deepEqual(only(letters, 'point-sequence'), [], 'h. then i. is a letter');
    const roman = ['Title', '', ...['i', 'ii', 'iii', 'iv', 'v', 'vi'].flatMap((l) => [`(${l})`, `Item ${l}.`])].join('\n');
    assert.deepEqual(only(roman, 'point-sequence'), [], 'i. ii. iii. iv. v. are numerals');
    const romanGap = roman.replace('(iii)\nItem iii.\n', '');
    assert.deepEqual(only(romanGap, 'point-sequence').map((d) => d.message), ['Point (iv) follows (ii): (iii) is missing.']);
  });

  test('not reported: a telegram whose first paragraph carries the telegram number', () => {
    // 1917 telegram 621 (d60), then numbered paragraphs as 1951 telegrams run them (d100: 2. 3. …).
    const d60 = corpus('frus/frus1917Supp02v02_d60');
    const text = replaceOnce(d60, '\n\nPolk', '\n\n2. The second paragraph.\n\n3. The third paragraph.\n\nPolk');
    assert.equal(parseMemo(text).memos[0].points.filter((p) => p.inline).length, 3);
    assert.deepEqual(only(text, 'point-sequence'), []);
    const gap = replaceOnce(text, '3. The third', '4. The third');
    assert.deepEqual(only(gap, 'point-sequence').map((d) => d.message), ['Point 4. follows 2.: 3. is missing.']);
  });

  test('not reported: a step over points the edition says it left out', () => {
    const text = replaceOnce(SEED_TEXT, point3, '\n[1 paragraph (7 lines) not declassified]');
    assert.deepEqual(only(text, 'point-sequence'), []);
  });
});

describe('repeated-word', () => {
  test('across a page marker: “be [Page 508] be made”', () => {
    const text = replaceOnce(SEED_TEXT, 'effort be [Page 508] made', 'effort be [Page 508] be made');
    const found = only(text, 'repeated-word');
    assert.equal(found.length, 2);
    assert.equal(found[0].message, '“be” is repeated across the page break.');
    assert.equal(text.slice(found[0].related[0].span.start, found[0].span.end), 'be [Page 508] be');
  });

  test('across a line break, and a capitalised article', () => {
    const text = replaceOnce(SEED_TEXT, 'Lenin, I recalled', 'The the Lenin, I recalled');
    assert.deepEqual(only(text, 'repeated-word').map((d) => covered(text, d.span)), ['be', 'the']);
    const wrapped = 'Title\n\nHe said that the\nthe talks were over.\n';
    assert.deepEqual(only(wrapped, 'repeated-word').map((d) => covered(wrapped, d.span)), ['the']);
  });

  test('not reported: grammar, emphasis, names, punctuation, [sic], tables, paragraph breaks', () => {
    const cases = [
      'He had had no instructions.',
      'He said that that was the position.',
      'He gave her her passport.',
      'It was very very important.',
      'the Mau Mau rising in Kenya; at Pago Pago',
      'would be far, far higher',
      'William H. Seward, &c., &c., &c.',
      'seemed to us to be be [sic] excited',
      'Item\tTotal\tTotal',
      'the end of the\n\nthe next paragraph',
    ];
    for (const c of cases) assert.deepEqual(only(`Title\n\n${c}\n`, 'repeated-word'), [], c);
  });
});

describe('unbalanced-bracket', () => {
  test('a parenthesis left open, a bracket closing nothing, a broken page marker', () => {
    const open = replaceOnce(SEED_TEXT, 'allowed for no other reply.)', 'allowed for no other reply.');
    const found = only(open, 'unbalanced-bracket');
    assert.equal(found.length, 1);
    assert.equal(open.slice(found[0].span.start, found[0].span.start + 10), '(I gathere');
    assert.equal(found[0].message, '“(” is not closed in this paragraph (no “)”).');
    const stray = replaceOnce(SEED_TEXT, 'about, [the] other', 'about, the] other');
    assert.deepEqual(only(stray, 'unbalanced-bracket').map((d) => d.message), ['“]” closes nothing: no “[” opens it in this paragraph.']);
    // A lost opening bracket on a short line is still reported: only despatch numbers are exempt.
    const lost = 'Title\n\nHere follows the text.]\n';
    assert.deepEqual(only(lost, 'unbalanced-bracket').map((d) => covered(lost, d.span)), [']']);
    const broken = replaceOnce(SEED_TEXT, '[Page 510]', '[Page 510');
    assert.deepEqual(only(broken, 'unbalanced-bracket').map((d) => covered(broken, { start: d.span.start, end: d.span.start + 9 })), ['[Page 510']);
  });

  test('a parenthesis closed by a bracket', () => {
    const text = replaceOnce(SEED_TEXT, '(kak mozhno skoree)', '(kak mozhno skoree]');
    const found = only(text, 'unbalanced-bracket');
    assert.equal(found.length, 2, describeAll(text).join('\n'));
    assert.deepEqual(found.map((d) => covered(text, d.span)), ['(', ']']);
  });

  test('not reported: page markers inside brackets, list labels, the old despatch number', () => {
    const inside = replaceOnce(SEED_TEXT, 'some effort be [Page 508] made', 'some effort (be [Page 508] made)');
    assert.deepEqual(only(inside, 'unbalanced-bracket'), []);
    assert.deepEqual(only('Title\n\nThree reasons: 1) the first, 2) the second, a) and b) also.\n', 'unbalanced-bracket'), []);
    // `No. 14.]`, as the 1861 volume prints despatch numbers; and `1)`…`6)` list labels (d99).
    for (const name of ['frus/frus1861_d59', 'frus-extraction/frus1861_d60', 'frus/frus1951v07p2_d99']) {
      assert.deepEqual(only(corpus(name), 'unbalanced-bracket'), [], name);
    }
  });
});

describe('unbalanced-quote', () => {
  test('a quotation left open, a closing quote with no opening one', () => {
    const open = replaceOnce(SEED_TEXT, 'the word “trust” to', 'the word “trust to');
    const found = only(open, 'unbalanced-quote');
    assert.equal(found.length, 1, describeAll(open).join('\n'));
    assert.equal(open.slice(found[0].span.start, found[0].span.start + 6), '“trust');
    const stray = replaceOnce(SEED_TEXT, 'the word “trust” to', 'the word trust” to');
    assert.deepEqual(only(stray, 'unbalanced-quote').map((d) => d.message), ['” closes a quotation that was not opened (no “ before it in this paragraph).']);
    const single = replaceOnce(SEED_TEXT, 'the word “trust” to', 'the word ‘trust to');
    assert.deepEqual(only(single, 'unbalanced-quote').map((d) => covered(single, d.span)), ['‘']);
    const straight = 'Title\n\nHe called it "a dream.\n';
    assert.deepEqual(only(straight, 'unbalanced-quote').map((d) => covered(straight, d.span)), ['"']);
  });

  test('a multi-paragraph quotation whose last paragraph is not closed', () => {
    const d89 = corpus('frus/frus1951v07p2_d89');
    const closing = d89.indexOf('”', d89.indexOf('“If the Chinese people'));
    const text = d89.slice(0, closing) + d89.slice(closing + 1);
    const found = only(text, 'unbalanced-quote');
    assert.equal(found.length, 1, describeAll(text).join('\n'));
    assert.equal(text.slice(found[0].span.start, found[0].span.start + 8), '“If the ');
    assert.equal(text.slice(found[0].related[0].span.start, found[0].related[0].span.start + 10), '“We do not');
  });

  test('not reported: FRUS multi-paragraph quotations, apostrophes, nested single quotes, inches', () => {
    // d89 and d43 quote speeches over several paragraphs, each opened with “, the last closed;
    // d43 has a page marker on a line of its own in the middle. d42's note ends ‘conservative.’”;
    // d102 has ‘in the name of guerrilla forces’.”; d45 straight apostrophes (peoples', '40s).
    for (const name of ['frus/frus1951v07p2_d89', 'frus-extraction/frus1977-80v01_d43', 'frus/frus1977-80v01_d42', 'frus/frus1951v07p2_d102', 'frus/frus1969-76v01_d45', 'frus/frus1951v07p2_d93']) {
      assert.deepEqual(only(corpus(name), 'unbalanced-quote'), [], name);
    }
    for (const c of ['the Soviets’ view in the ’50s', 'Kennan’s secretary', 'a 12" gun', 'The ‘Kremlin’ said']) {
      assert.deepEqual(only(`Title\n\n${c}\n`, 'unbalanced-quote'), [], c);
    }
  });
});

describe('settings', () => {
  test('a code switched off is not reported; a re-levelled one takes its new severity', () => {
    assert.deepEqual(checkMemo(parseMemo(SEED_TEXT), { 'repeated-word': 'off' }), []);
    assert.deepEqual(checkMemo(parseMemo(SEED_TEXT), { 'repeated-word': 'hint' }).map((d) => d.severity), ['hint']);
  });

  test('package.json contributes a setting for every code, with the checker’s default level', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const properties = pkg.contributes.configuration.properties as Record<string, { default: string; enum: string[]; description: string }>;
    for (const code of DIAGNOSTIC_CODES) {
      const setting = properties[`memo.diagnostics.${code}`];
      assert.ok(setting, `memo.diagnostics.${code} is not contributed`);
      assert.equal(setting.default, DEFAULT_LEVELS[code], code);
      assert.deepEqual(setting.enum, ['off', 'error', 'warning', 'information', 'hint'], code);
      assert.ok(setting.description.length > 20, code);
    }
    assert.deepEqual(Object.keys(properties).filter((k) => k.startsWith('memo.diagnostics.')).length, DIAGNOSTIC_CODES.length);
  });

  test('settings as the client sends them: bad values and unknown codes are named, not applied', () => {
    assert.deepEqual(readSettings({ 'repeated-word': 'error', 'page-gap': 'off' }), { settings: { 'repeated-word': 'error', 'page-gap': 'off' }, problems: [] });
    const bad = readSettings({ 'repeated-word': 'loud', 'no-such-check': 'off' });
    assert.deepEqual(bad.settings, {});
    assert.equal(bad.problems.length, 2);
    assert.match(bad.problems[0], /"loud" is not one of off, error/);
    assert.match(bad.problems[1], /unknown diagnostic code "no-such-check"/);
    assert.deepEqual(readSettings(undefined), { settings: {}, problems: [] });
    assert.equal(readSettings('warning').problems.length, 1);
  });
});
