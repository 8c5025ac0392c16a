/**
 * Citations on the corpus documents: the pinpoint pages of selections inside one page, across
 * one marker, across several, before the first marker and inside a footnote, checked against the
 * ground truth's `pageMarkers` and `startPage`; the title, date and volume of the citation text;
 * the styles and the custom template; the quotation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { citation, citationFields } from '../../server/src/service/citation/citation';
import { fillTemplate } from '../../server/src/service/citation/format';
import { quotation } from '../../server/src/service/citation/quote';
import { documentSource, type SourceMetadata } from '../../server/src/service/metadata';
import type { MemoModel } from '../../server/src/service/parser/model';
import { parseMemo } from '../../server/src/service/parser/parse';
import { corpusDocuments, type CorpusDocument } from '../util/corpus';
import { SEED_TEXT } from '../util/seed';

const docs = corpusDocuments();
const withMarkers = docs.filter((d) => d.truth.pageMarkers.length > 0);

/** The offset of a ground-truth position. */
function offset(model: MemoModel, p: { line: number; character: number }): number {
  return model.lines.offsetAt({ line: p.line, character: p.character });
}

/** The page a ground-truth position lies on, by the truth alone: its last marker before, else startPage. */
function truthPage(d: CorpusDocument, p: { line: number; character: number }): string {
  let page = String(d.truth.startPage);
  for (const m of d.truth.pageMarkers) {
    if (m.line < p.line || (m.line === p.line && m.character <= p.character)) page = String(m.page);
  }
  return page;
}

const pagesOf = (model: MemoModel, start: number, end: number) => citation(model, { start, end }).pages;
const MARKER_LENGTH = (page: number | string) => `[Page ${page}]`.length;

describe('citation pages on the corpus', () => {
  test('there are documents with one and with several markers to test on', () => {
    assert.ok(withMarkers.length >= 20);
    assert.ok(withMarkers.filter((d) => d.truth.pageMarkers.length >= 3).length >= 5);
  });

  for (const d of withMarkers) {
    test(`${d.name}: inside one page, across markers, before the first`, () => {
      const model = parseMemo(d.text);
      const markers = d.truth.pageMarkers;
      const starts = markers.map((m) => offset(model, m));
      // Inside one page: a few characters just after each marker, and just before the next.
      markers.forEach((m, i) => {
        const after = starts[i] + MARKER_LENGTH(m.page);
        // The last page runs to the notes block, whose notes lie on the pages of their references.
        const notesAt = d.truth.footnotes.length > 0 ? offset(model, { line: d.truth.footnotes[0].line, character: 0 }) : model.text.length;
        const end = i + 1 < markers.length ? starts[i + 1] : model.text.slice(0, notesAt).trimEnd().length;
        const a = Math.min(after + 2, end);
        assert.equal(pagesOf(model, a, Math.min(a + 5, end)), `p. ${m.page}`, `just after marker ${m.page}`);
        assert.equal(pagesOf(model, Math.max(a, end - 6), end), `p. ${m.page}`, `up to the next marker, after ${m.page}`);
        assert.equal(pagesOf(model, a, a), `p. ${m.page}`, `cursor after marker ${m.page}`);
      });
      // Across one marker: from a little before it to a little after it.
      markers.forEach((m, i) => {
        const before = Math.max(0, starts[i] - 3);
        const afterMarker = starts[i] + MARKER_LENGTH(m.page);
        // Three characters of the new page's text (a marker may stand on its own line).
        const after = afterMarker + (d.text.slice(afterMarker).length - d.text.slice(afterMarker).trimStart().length) + 3;
        const previous = i === 0 ? String(d.truth.startPage) : String(markers[i - 1].page);
        if (d.text.slice(before, starts[i]).trim() === '') return; // a marker on its own line after a blank: nothing of the previous page selected
        assert.equal(pagesOf(model, before, after), `pp. ${previous}–${m.page}`, `across marker ${m.page}`);
      });
      // Across several: from the title to the end of the last page's first words.
      const last = markers[markers.length - 1];
      const titleLine = d.truth.extra.titleLines[0];
      const titleAt = offset(model, { line: titleLine, character: 0 });
      const expectedFirst = String(d.truth.startPage);
      const lastAfter = starts[starts.length - 1] + MARKER_LENGTH(last.page) + 3;
      assert.equal(pagesOf(model, titleAt, lastAfter), `pp. ${expectedFirst}–${last.page}`, 'title to last page');
      // Before the first marker: the title lies on the page the document starts on.
      assert.equal(pagesOf(model, titleAt, titleAt + 5), `p. ${expectedFirst}`, 'title');
      assert.equal(pagesOf(model, titleAt, titleAt), `p. ${expectedFirst}`, 'cursor on the title');
    });
  }

  test('a selection that only touches a marker does not claim its page', () => {
    const d = docs.find((x) => x.name === 'seed/kennan-1951')!;
    const model = parseMemo(d.text);
    const at = offset(model, d.truth.pageMarkers[0]); // "[Page 508]"
    // "be [Page 508]": the selection ends with the marker (and the space before it).
    assert.equal(pagesOf(model, at - 10, at + MARKER_LENGTH(508)), 'p. 507');
    // "[Page 508] made": starts with the marker.
    assert.equal(pagesOf(model, at, at + MARKER_LENGTH(508) + 5), 'p. 508');
    // Only the marker: cited where it begins, on its page.
    assert.equal(pagesOf(model, at, at + MARKER_LENGTH(508)), 'p. 508');
    assert.equal(pagesOf(model, at - 4, at + 2), 'pp. 507–508');
  });

  test('inside a footnote: the page of its reference and the note, for every corpus note', () => {
    let checked = 0;
    for (const d of docs) {
      const model = parseMemo(d.text);
      for (const [i, note] of d.truth.footnotes.entries()) {
        const refs = d.truth.footnoteRefs.filter((r) => r.target === i);
        if (refs.length === 0) continue;
        const noteAt = offset(model, { line: note.line, character: 0 });
        const lineEnd = model.lines.lineEnd(note.line);
        const page = truthPage(d, refs[0]);
        const got = pagesOf(model, Math.min(noteAt + 6, lineEnd), lineEnd);
        if (d.truth.pageMarkers.length === 0) {
          // No marker: the page is the start page, which the text alone cannot tell.
          assert.equal(got, null, `${d.name} note ${note.label}`);
          continue;
        }
        assert.equal(got, `p. ${page}n${refs[0].label}`, `${d.name} note ${note.label}`);
        checked++;
      }
    }
    assert.ok(checked > 20, `checked ${checked} notes`);
  });

  test('a document without markers has pages only when the metadata gives its first page', () => {
    for (const d of docs.filter((x) => x.truth.pageMarkers.length === 0)) {
      const model = parseMemo(d.text);
      assert.equal(citation(model, { start: 0, end: 10 }).pages, null, d.name);
      const source = documentSource({ documents: { [`${d.name.split('/')[1]}.txt`]: { startPage: String(d.truth.startPage) } } }, `${d.name}.txt`);
      assert.equal(citation(model, { start: 0, end: 10 }, { source }).pages, `p. ${d.truth.startPage}`, d.name);
    }
  });
});

const KOREA: SourceMetadata = {
  series: 'FRUS',
  year: '1951',
  volume: 'VII',
  part: '1',
  title: 'Korea and China',
  id: 'frus1951v07p1',
  urlPattern: 'https://history.state.gov/historicaldocuments/{volume}/d{doc}',
  documents: { 'kennan-1951.txt': { doc: '328', date: 'June 5, 1951' } },
};

describe('citation text', () => {
  const seed = parseMemo(SEED_TEXT);
  const source = documentSource(KOREA, '/research/kennan-1951.txt');
  const p508 = SEED_TEXT.indexOf('made to see whether');

  test('Chicago note, as a historian writes it', () => {
    const c = citation(seed, { start: p508, end: p508 + 20 }, { source });
    assert.equal(c.text, 'George F. Kennan to the Deputy Under Secretary of State (Matthews), June 5, 1951, FRUS 1951, vol. VII, pt. 1, p. 508.');
    assert.equal(c.pages, 'p. 508');
  });

  test('without metadata: title, file number and pages from the text alone', () => {
    const c = citation(seed, { start: p508, end: SEED_TEXT.indexOf('ideologies, but') + 5 });
    assert.equal(c.text, 'George F. Kennan to the Deputy Under Secretary of State (Matthews), 795.00/5–2551, pp. 508–509.');
  });

  test('Chicago bibliography: the whole document’s pages and its address', () => {
    const c = citation(seed, { start: p508, end: p508 }, { source, style: 'chicago-bibliography' });
    assert.equal(
      c.text,
      '“George F. Kennan to the Deputy Under Secretary of State (Matthews),” June 5, 1951. In Foreign Relations of the United States, 1951, vol. VII, pt. 1, Korea and China, 507–511. https://history.state.gov/historicaldocuments/frus1951v07p1/d328.',
    );
  });

  test('custom template: placeholders filled, missing fields vanish with their separator', () => {
    const c = citation(seed, { start: p508, end: p508 }, { source, style: 'custom', template: '{title} ({date}), {fileNumber}, {volume}, {pages} <{url}>' });
    assert.equal(c.text, 'George F. Kennan to the Deputy Under Secretary of State (Matthews) (June 5, 1951), 795.00/5–2551, FRUS 1951, vol. VII, pt. 1, p. 508 <https://history.state.gov/historicaldocuments/frus1951v07p1/d328>');
    const bare = citation(seed, { start: p508, end: p508 }, { style: 'custom', template: '{title}, {date}, {volume}, {pages}. {nope}' });
    assert.equal(bare.text, 'George F. Kennan to the Deputy Under Secretary of State (Matthews), p. 508. {nope}');
    // An empty template falls back to Chicago note.
    assert.equal(citation(seed, { start: p508, end: p508 }, { style: 'custom', template: '  ' }).text, citation(seed, { start: p508, end: p508 }).text);
  });

  test('fillTemplate cleans the punctuation of empty fields', () => {
    const fields = citationFields(seed, { start: p508, end: p508 });
    assert.equal(fillTemplate('{date}, {title}', { ...fields, title: 'T' }), 'T');
    assert.equal(fillTemplate('{title} [{url}].', { ...fields, title: 'T' }), 'T.');
  });

  test('date and place from the first dateline, title without the document number, kind of document', () => {
    const cases: Array<[string, string]> = [
      ['frus/frus1861_d59', 'Mr. Adams to Mr. Seward, July 12, 1861'],
      ['frus/frus1917Supp02v02_d48', 'Telegram from the Consul General at Rio de Janeiro (Gottschalk) to the Secretary of State, July 9, 1917'],
      ['frus/frus1951v07p2_d100', 'Telegram from the Ambassador in India (Henderson) to the Secretary of State, June 3, 1951'],
      ['frus/frus1969-76v01_d43', 'Notes of Telephone Conversation Between President Nixon and His Assistant for National Security Affairs (Kissinger), November 5, 1969'],
      ['frus/frus1977-80v01_d42', 'Paper Prepared by the President’s Assistant (Jordan), June 1977'],
    ];
    for (const [name, head] of cases) {
      const d = docs.find((x) => x.name === name)!;
      const model = parseMemo(d.text);
      const c = citation(model, { start: 0, end: 0 }, { source: documentSource({ series: 'FRUS', year: 'Y' }, `${name}.txt`) });
      assert.ok(c.text.startsWith(`${head}, FRUS Y, `), `${name}: ${c.text}`);
    }
    const d100 = docs.find((x) => x.name === 'frus/frus1951v07p2_d100')!;
    const f = citationFields(parseMemo(d100.text), { start: 0, end: 0 });
    assert.equal(f.place, 'New Delhi');
    assert.equal(f.fileNumber, '793B.00/6–351', 'the kind after the file number is not part of it');
  });

  test('every corpus document with a dated dateline gets that date', () => {
    for (const d of docs) {
      const first = d.truth.extra.datelines.find((l) => !l.text.startsWith('[Received') && /\b\d{4}\b/.test(l.text));
      const f = citationFields(parseMemo(d.text), { start: 0, end: 0 });
      if (!first) {
        assert.equal(f.date, null, d.name);
        continue;
      }
      assert.ok(f.date && first.text.includes(f.date), `${d.name}: ${f.date} from ${first.text}`);
      assert.match(f.date!, /\b\d{4}$/, d.name);
    }
  });
});

describe('quotation', () => {
  const seed = parseMemo(SEED_TEXT);
  const from = SEED_TEXT.indexOf('the relevance of the word');
  const to = SEED_TEXT.indexOf('other party.') + 'other party.'.length;

  test('page markers and reference labels removed, editorial insertions kept, inner quotes single', () => {
    assert.equal(
      quotation(seed, { start: from, end: to }),
      '“the relevance of the word ‘trust’ to the relations between great powers with conflicting ideologies, but I did believe in the value of what one actually knew about, [the] other party.”',
    );
    const title = SEED_TEXT.indexOf('George F. Kennan');
    assert.equal(quotation(seed, { start: title, end: SEED_TEXT.indexOf('\n', title) }), '“George F. Kennan to the Deputy Under Secretary of State (Matthews)”');
  });

  test('paragraph breaks become spaces; a note quoted without its number', () => {
    const a = SEED_TEXT.indexOf('ones agreeable to the Soviet Union.');
    const b = SEED_TEXT.indexOf('I pointed out') + 'I pointed out'.length;
    assert.match(quotation(seed, { start: a, end: b }), /^“ones agreeable to the Soviet Union\. It had seemed advisable, .* I pointed out”$/);
    const note = SEED_TEXT.indexOf('  1. A typewritten');
    assert.match(quotation(seed, { start: note, end: note + 30 }), /^“A typewritten note/);
  });

  test('the “with quotation” citation quotes the selection before the citation', () => {
    const source = documentSource(KOREA, 'kennan-1951.txt');
    const c = citation(seed, { start: from, end: to }, { source, withQuotation: true });
    assert.equal(c.pages, 'pp. 508–509');
    assert.ok(c.quotation?.startsWith('“the relevance of the word ‘trust’'), c.quotation);
    assert.ok(c.quotation?.endsWith(' George F. Kennan to the Deputy Under Secretary of State (Matthews), June 5, 1951, FRUS 1951, vol. VII, pt. 1, pp. 508–509.'), c.quotation);
    const custom = citation(seed, { start: from, end: to }, { source, style: 'custom', template: '{pages}: {quotation}', withQuotation: true });
    assert.match(custom.quotation ?? '', /^pp\. 508–509: “the relevance/);
    // A cursor has nothing to quote: the quotation variant is the citation.
    const cursor = citation(seed, { start: from, end: from }, { source, withQuotation: true });
    assert.equal(cursor.quotation, cursor.text);
  });
});
