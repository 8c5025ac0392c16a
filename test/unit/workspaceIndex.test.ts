/**
 * The research-folder index: workspace symbols, page lookup across documents (a document that
 * begins on the page, a page marker, the named footnote, the asking document first, never another
 * volume), page references becoming links to the right file and line, updates and removals, and
 * a synthetic volume of 500 memos (correctness only; speed is in `npm run bench:workspace`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { parseMemo } from '../../server/src/service/parser/parse';
import { WorkspaceIndex, type PageLocation } from '../../server/src/service/workspace';
import { pageLinks, pageReferences } from '../../server/src/service/workspace/pageRefs';
import type { SourceMetadata } from '../../server/src/service/metadata';
import { corpusDocuments, type CorpusDocument } from '../util/corpus';
import { syntheticVolume } from '../util/syntheticVolume';

const all = corpusDocuments();
const frus = all.filter((d) => d.name.startsWith('frus/'));
const volumeOf = (d: CorpusDocument) => d.name.replace(/^frus\//, '').replace(/_d\d+$/, '');
const uriOf = (d: CorpusDocument) => `file:///research/${volumeOf(d)}/${d.name.split('/')[1]}.txt`;
const byName = (name: string) => all.find((d) => d.name === name)!;

function corpusIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const d of frus) index.setDocument(uriOf(d), d.text, { volumeKey: volumeOf(d) });
  return index;
}

const at = (loc: PageLocation | null) => (loc ? `${loc.uri.split('/').pop()}:${loc.position.line}:${loc.position.character}:${loc.how}` : null);
const fileOf = (name: string) => `${name.split('/')[1]}.txt`;
const KOREA_CHINA: SourceMetadata = { series: 'FRUS', year: '1951', volume: 'VII', part: '2' };

describe('workspace symbols', () => {
  const index = corpusIndex();

  test('every title, file number and note of the folder is a symbol at its place', () => {
    const symbols = index.symbols('', 10_000);
    assert.equal(symbols.length, frus.length, 'an empty query lists the titles');
    for (const d of frus) {
      const title = index.symbols(d.truth.title, 50).find((s) => s.location.uri === uriOf(d) && s.kind === SymbolKind.File);
      assert.ok(title, `${d.name}: title found by its text`);
      assert.equal(title.name, d.truth.title);
      assert.equal(title.location.range.start.line, d.truth.extra.titleLines[0], `${d.name} title line`);
      if (d.truth.fileNumber) {
        const fileNumber = index.symbols(d.truth.fileNumber, 50).find((s) => s.location.uri === uriOf(d) && s.kind === SymbolKind.Key);
        assert.equal(fileNumber?.location.range.start.line, d.truth.extra.fileNumberLine, `${d.name} file number`);
      }
      for (const note of d.truth.footnotes) {
        const words = note.text.split(/\s+/).slice(0, 6).join(' ');
        const hit = index.symbols(words, 500).find((s) => s.location.uri === uriOf(d) && s.location.range.start.line === note.line);
        assert.ok(hit, `${d.name} note ${note.label} found by its first words "${words}"`);
        assert.match(hit.name, new RegExp(`^Footnote ${note.label}: `));
      }
    }
  });

  test('queries forgive case, accents, dashes and a typo; titles come first', () => {
    const d96 = byName('frus/frus1951v07p2_d96');
    const first = index.symbols('charge in india (steere) to the secretary')[0];
    assert.equal(first.name, d96.truth.title);
    assert.equal(first.location.uri, uriOf(d96));
    const byFileNumber = index.symbols('793B.00/5-2951');
    assert.equal(byFileNumber[0].name, '793B.00/5–2951: Telegram', 'a hyphen finds an en dash');
    assert.ok(index.symbols('Gottshalk').some((s) => s.name.includes('(Gottschalk)')), 'a misspelt name still finds the memo');
    assert.deepEqual(index.symbols('zzzqqq'), []);
  });

  test('re-indexing replaces a document; removing forgets it', () => {
    const local = corpusIndex();
    const d = byName('frus/frus1951v07p2_d96');
    local.setDocument(uriOf(d), d.text.replace(d.truth.title, 'A Renamed Memo'), { volumeKey: volumeOf(d) });
    assert.equal(local.symbols(d.truth.title, 500).filter((s) => s.location.uri === uriOf(d) && s.kind === SymbolKind.File).length, 0);
    assert.equal(local.symbols('A Renamed Memo').filter((s) => s.location.uri === uriOf(d)).length, 1);
    assert.equal(local.size, frus.length);
    assert.ok(local.removeDocument(uriOf(d)));
    assert.equal(local.symbols('A Renamed Memo').filter((s) => s.location.uri === uriOf(d)).length, 0);
    assert.equal(at(local.locatePage('1690', {})), null, 'its pages are gone too');
    assert.equal(local.removeDocument(uriOf(d)), false);
  });
});

describe('page lookup across documents', () => {
  const index = corpusIndex();
  const from = (name: string) => uriOf(byName(name));

  test('a reference finds the document that begins on the page; Go to page finds the marker', () => {
    // d96 (telegram 3398) begins on p. 1687, whose marker stands in d95.
    const d95 = byName('frus/frus1951v07p2_d95');
    const marker1687 = d95.truth.pageMarkers.find((m) => m.page === 1687)!;
    assert.equal(at(index.locatePage('1687', { fromUri: from('frus/frus1951v07p2_d94') })), 'frus1951v07p2_d96.txt:0:0:start');
    assert.equal(at(index.locatePage('1687', { prefer: 'pageStart' })), `frus1951v07p2_d95.txt:${marker1687.line}:${marker1687.character}:marker`);
    // And d94 (despatch 2891) begins on p. 1682, whose marker stands in d93.
    assert.equal(at(index.locatePage('1682', { fromUri: from('frus/frus1951v07p2_d96') })), 'frus1951v07p2_d94.txt:0:0:start');
  });

  test('every marker of the corpus is found at its ground-truth position', () => {
    for (const d of frus) {
      for (const m of d.truth.pageMarkers) {
        const loc = index.locatePage(String(m.page), { fromUri: uriOf(d), prefer: 'pageStart' });
        assert.equal(at(loc), `${fileOf(d.name)}:${m.line}:${m.character}:marker`, `${d.name} p. ${m.page}`);
      }
    }
  });

  test('the asking document first, then its own volume; never another volume', () => {
    const d95 = byName('frus/frus1951v07p2_d95');
    const m = d95.truth.pageMarkers[0];
    assert.equal(at(index.locatePage('1687', { fromUri: uriOf(d95) })), `${fileOf(d95.name)}:${m.line}:${m.character}:marker`);
    // Page 113 is in the 1861 volume only: not found from a 1951 memo, found from an 1861 one.
    assert.equal(index.locatePage('113', { fromUri: from('frus/frus1951v07p2_d94') }), null);
    assert.equal(at(index.locatePage('113', { fromUri: from('frus/frus1861_d61') })), 'frus1861_d60.txt:0:0:start');
    // A memo of unknown volume may point anywhere.
    assert.ok(index.locatePage('113', { fromUri: 'file:///elsewhere/loose.memo' }));
  });

  test('“see footnote 4, p. 1687” finds the note printed on that page', () => {
    const d95 = byName('frus/frus1951v07p2_d95');
    const refs = d95.truth.footnoteRefs.filter((r) => r.label === '4');
    const note = d95.truth.footnotes[refs[0].target];
    const loc = index.locatePage('1687', { fromUri: from('frus/frus1951v07p2_d94'), footnote: '4' });
    assert.equal(at(loc), `${fileOf(d95.name)}:${note.line}:2:note`);
    // A note that is not on that page does not count.
    assert.equal(index.locatePage('1687', { footnote: '9' })?.how, 'start');
  });

  test('page ranges per memo: from where its text begins to its last marker', () => {
    for (const d of frus) {
      const [range] = index.pageRanges(uriOf(d));
      const last = d.truth.pageMarkers.length ? String(d.truth.pageMarkers[d.truth.pageMarkers.length - 1].page) : String(d.truth.startPage);
      if (d.truth.pageMarkers.length === 0) assert.equal(range.first, null, `${d.name}: no marker, no metadata, no pages`);
      else assert.deepEqual([range.first, range.last], [String(d.truth.startPage), last], d.name);
    }
  });
});

describe('page references become links', () => {
  const index = corpusIndex();
  const resolveFrom = (uri: string) => (page: string, footnote: string | null) => {
    const loc = index.locatePage(page, { fromUri: uri, footnote });
    return loc ? { uri: loc.uri, line: loc.position.line, character: loc.position.character, label: loc.title ?? '' } : null;
  };

  test('a note’s “p. 1687” links to the memo that begins there, “p. 1682” back', () => {
    const d94 = byName('frus/frus1951v07p2_d94');
    const links = pageLinks(parseMemo(d94.text), KOREA_CHINA, resolveFrom(uriOf(d94)));
    assert.equal(links.length, 1, JSON.stringify(links));
    const note6 = d94.truth.footnotes[5];
    assert.equal(links[0].range.start.line, note6.line);
    assert.equal(d94.text.split('\n')[note6.line].slice(links[0].range.start.character, links[0].range.end.character), 'p. 1687');
    assert.equal(links[0].target, `${uriOf(byName('frus/frus1951v07p2_d96'))}#L1,1`);

    const d96 = byName('frus/frus1951v07p2_d96');
    const back = pageLinks(parseMemo(d96.text), KOREA_CHINA, resolveFrom(uriOf(d96)));
    assert.deepEqual(back.map((l) => l.target), [`${uriOf(d94)}#L1,1`], '“p. 1619” of another document is not in the folder');
  });

  test('references into another work, and times of day, give no link', () => {
    const d102 = byName('frus/frus1951v07p2_d102');
    // Even a memo holding p. 188 and p. 606 of this volume does not catch `Foreign Relations, 1950, vol. vii, pp. 188`.
    const local = corpusIndex();
    const fake = `Fake memo\n\n[Page 188] Text [Page 606] more text.\n`;
    local.setDocument('file:///research/frus1951v07p2/fake.memo', fake, { volumeKey: 'frus1951v07p2' });
    const resolve = (page: string) => {
      const loc = local.locatePage(page, { fromUri: uriOf(d102) });
      return loc ? { uri: loc.uri, line: 0, character: 0, label: '' } : null;
    };
    assert.deepEqual(pageLinks(parseMemo(d102.text), KOREA_CHINA, resolve), []);
    const refs = pageReferences(parseMemo(d102.text));
    assert.deepEqual(refs.map((r) => r.work?.year), ['1950', '1950'], 'both references name the 1950 volume');
    // The same page cited plainly does link.
    assert.equal(pageLinks(parseMemo('Memo\n\nSee p. 606.\n'), KOREA_CHINA, resolve).length, 1);
    // Other publications, and other volumes of the series, by what the clause names.
    const works = (name: string) => pageReferences(parseMemo(byName(name).text)).map((r) => r.work);
    assert.deepEqual(works('frus/frus1951v07p2_d91'), [{ other: true }], 'Department of State Bulletin');
    assert.deepEqual(works('frus/frus1951v07p2_d97'), [{ other: true }], 'Oxford University Press');
    assert.deepEqual(works('frus/frus1917Supp02v02_d56'), [{ other: false, volume: 'I' }, null], '“Vol. I, p. 6” and “Ante, p. 898”');
    const supplement: SourceMetadata = { year: '1917', supplement: 'Supplement 2', volume: 'II' };
    const d56 = parseMemo(byName('frus/frus1917Supp02v02_d56').text);
    const anywhere = () => ({ uri: 'file:///x.memo', line: 0, character: 0, label: '' });
    assert.deepEqual(pageLinks(d56, supplement, anywhere).map((l) => l.tooltip), ['Page 898: '], 'only the page of this volume links');
    for (const d of all) {
      for (const r of pageReferences(parseMemo(d.text))) {
        assert.ok(!/^\d+\s*p\.\s?m/.test(d.text.slice(r.span.start - 3, r.span.end)), `${d.name}: a time read as a page`);
        assert.notEqual(r.pages[0].page, 'm', d.name);
      }
    }
  });

  test('“see footnote 4, p. 1687” links to that note', () => {
    const text = 'A note\n\nText.1\n\n  1. See footnote 4, p. 1687, and pp. 1683–1685.\n';
    const links = pageLinks(parseMemo(text), KOREA_CHINA, resolveFrom('file:///research/frus1951v07p2/mine.memo'));
    const d95 = byName('frus/frus1951v07p2_d95');
    const d94 = byName('frus/frus1951v07p2_d94');
    const [m1683, , m1685] = d94.truth.pageMarkers;
    assert.deepEqual(links.map((l) => l.target), [
      `${uriOf(d95)}#L${d95.truth.footnotes[3].line + 1},3`,
      `${uriOf(d94)}#L${m1683.line + 1},${m1683.character + 1}`,
      `${uriOf(d94)}#L${m1685.line + 1},${m1685.character + 1}`,
    ]);
  });
});

describe('a synthetic volume of 500 memos', () => {
  const memos = syntheticVolume(500);
  const index = new WorkspaceIndex();
  for (const m of memos) index.setDocument(m.uri, m.text, { volumeKey: 'synthetic' });

  test('indexes every memo and finds each by its document number and title', () => {
    assert.equal(index.size, 500);
    assert.equal(index.memoCount, 500);
    for (const m of [memos[0], memos[137], memos[250], memos[499]]) {
      const hits = index.symbols(m.title, 20).filter((s) => s.kind === SymbolKind.File);
      assert.equal(hits[0]?.location.uri, m.uri, `${m.title} → ${hits[0]?.location.uri}`);
    }
  });

  test('every page finds the right file and line', () => {
    for (const m of memos) {
      for (const marker of m.markers) {
        const loc = index.locatePage(String(marker.page), { prefer: 'pageStart' });
        assert.equal(at(loc), `${m.name}:${marker.line}:${marker.character}:marker`, `p. ${marker.page}`);
      }
      // A reference to the page a memo begins on finds that memo's head.
      const loc = index.locatePage(String(m.startPage), { fromUri: 'file:///elsewhere/notes.memo' });
      assert.equal(at(loc), `${m.name}:0:0:start`, `begins on p. ${m.startPage}`);
    }
  });

  test('page references in a memo resolve to the right files and lines', () => {
    const targets = [memos[3], memos[200], memos[499]];
    const refs = targets.map((m) => `p. ${m.markers[0].page}`).join(', ');
    const text = `A reader's memo\n\nSee ${refs}.\n`;
    const links = pageLinks(parseMemo(text), null, (page) => {
      const loc = index.locatePage(page, { prefer: 'pageStart' });
      return loc ? { uri: loc.uri, line: loc.position.line, character: loc.position.character, label: '' } : null;
    });
    assert.deepEqual(links.map((l) => l.target), targets.map((m) => `${m.uri}#L${m.markers[0].line + 1},${m.markers[0].character + 1}`));
  });
});
