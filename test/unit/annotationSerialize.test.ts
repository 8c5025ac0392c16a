import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { AnchorText } from '../../server/src/service/annotations/anchoring';
import { importAnnotations, toJsonLd, toMarkdown } from '../../server/src/service/annotations/export';
import {
  CONTEXT_LENGTH,
  SourceText,
  createAnnotation,
  noteOf,
  targetFor,
  withBody,
  type TextPositionSelector,
  type TextQuoteSelector,
  type WebAnnotation,
} from '../../server/src/service/annotations/model';
import { emptyFile, parseAnnotationFile, serializeAnnotationFile, type AnnotationFile } from '../../server/src/service/annotations/serialize';
import { sha256Hex } from '../../server/src/service/annotations/sha256';
import { anchorOne, storedRange } from '../../server/src/service/annotations/tracking';
import { SEED_TEXT } from '../util/seed';

const T0 = '2024-05-01T10:00:00.000Z';

function noteOn(text: string, phrase: string, id = 'urn:uuid:00000000-0000-4000-8000-000000000001', page: string | null = '508'): WebAnnotation {
  const start = text.indexOf(phrase);
  assert.ok(start >= 0, `fixture: “${phrase}”`);
  return createAnnotation(id, T0, { text: 'Kennan *hedges* here.', tags: ['#korea', 'ceasefire', 'Korea'] },
    targetFor(new SourceText(text), 'kennan-1951.memo', start, start + phrase.length, page));
}

const selectors = (a: WebAnnotation) => {
  const target = a.target as { selector: Array<TextQuoteSelector | TextPositionSelector> };
  return { quote: target.selector[0] as TextQuoteSelector, position: target.selector[1] as TextPositionSelector };
};

describe('annotation file format', () => {
  test('W3C shape: collection, page, annotation, bodies, target with both selectors, page and hash', () => {
    const a = noteOn(SEED_TEXT, 'made to see whether there were views');
    const file: AnnotationFile = { ...emptyFile('urn:uuid:c0ffee00-0000-4000-8000-000000000000', 'Annotations on kennan-1951.memo'), annotations: [a] };
    const json = JSON.parse(serializeAnnotationFile(file));
    assert.equal(json['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(json.type, 'AnnotationCollection');
    assert.match(json.id, /^urn:uuid:/);
    assert.equal(json.total, 1);
    assert.equal(json.first.type, 'AnnotationPage');
    const item = json.first.items[0];
    assert.deepEqual(Object.keys(item), ['id', 'type', 'motivation', 'created', 'modified', 'body', 'target']);
    assert.match(item.id, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.equal(item.type, 'Annotation');
    assert.equal(item.motivation, 'commenting');
    assert.deepEqual(item.body, [
      { type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: 'Kennan *hedges* here.' },
      { type: 'TextualBody', purpose: 'tagging', value: 'korea' },
      { type: 'TextualBody', purpose: 'tagging', value: 'ceasefire' },
    ]);
    assert.equal(item.target.source, 'kennan-1951.memo');
    assert.equal(item.target['memo:page'], '508');
    assert.equal(item.target['memo:sourceHash'], `sha256:${createHash('sha256').update(SEED_TEXT).digest('hex')}`);
    const [quote, position] = item.target.selector;
    assert.equal(quote.type, 'TextQuoteSelector');
    assert.equal(quote.exact, 'made to see whether there were views');
    assert.equal(quote.prefix, SEED_TEXT.slice(SEED_TEXT.indexOf(quote.exact) - CONTEXT_LENGTH, SEED_TEXT.indexOf(quote.exact)));
    assert.equal(quote.suffix, SEED_TEXT.slice(SEED_TEXT.indexOf(quote.exact) + quote.exact.length).slice(0, CONTEXT_LENGTH));
    assert.deepEqual(position, { type: 'TextPositionSelector', start: SEED_TEXT.indexOf(quote.exact), end: SEED_TEXT.indexOf(quote.exact) + quote.exact.length });
    // Tags only: the motivation says so.
    assert.equal(createAnnotation('urn:uuid:x', T0, { text: ' ', tags: ['korea'] }, a.target).motivation, 'tagging');
  });

  test('positions count code points, not UTF-16 units; context never splits an astral character', () => {
    const text = '𝔗𝔥𝔢 Memo 🇺🇸 and 😀 before the passage: the Soviet Government wanted peace. 𝔈𝔫𝔡 😀😀';
    const a = noteOn(text, 'the Soviet Government');
    const { quote, position } = selectors(a);
    const utf16 = text.indexOf('the Soviet Government');
    const cps = Array.from(text.slice(0, utf16)).length;
    assert.ok(cps < utf16, 'fixture: astral characters before the passage');
    assert.deepEqual([position.start, position.end], [cps, cps + 'the Soviet Government'.length]);
    assert.equal(Array.from(quote.prefix!).length, Math.min(CONTEXT_LENGTH, cps));
    assert.ok(!/[\ud800-\udbff]$|^[\udc00-\udfff]/.test(quote.prefix!), 'no half surrogate pair at the edges');
    assert.ok(!/[\ud800-\udbff]$|^[\udc00-\udfff]/.test(quote.suffix!));
    // And back: the stored position lands on the same UTF-16 offsets.
    assert.deepEqual(storedRange(new AnchorText(new SourceText(text)), a), { start: utf16, end: utf16 + 'the Soviet Government'.length });
    assert.equal(anchorOne(new AnchorText(new SourceText(text)), a).method, 'position');
  });

  test('CRLF text is measured as if its line endings were \\n: same selectors, same hash', () => {
    const phrase = 'accordingly.\n\nI pointed out';
    const lf = noteOn(SEED_TEXT, phrase);
    const crlfText = SEED_TEXT.replace(/\n/g, '\r\n');
    const crlf = noteOn(crlfText, phrase.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.target, lf.target);
    assert.equal(selectors(crlf).quote.exact, phrase);
    assert.equal(new SourceText(crlfText).hash, new SourceText(SEED_TEXT).hash);
    // Lone CR counts as a line ending too.
    assert.equal(new SourceText('a\rb').norm.text, 'a\nb');
  });

  test('the pure SHA-256 agrees with node:crypto', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '😀 Kennan – “Matthews” 𝔄', SEED_TEXT]) {
      assert.equal(sha256Hex(s), createHash('sha256').update(s, 'utf8').digest('hex'), JSON.stringify(s.slice(0, 20)));
    }
  });

  test('unknown fields are kept on rewrite, at every level, and unreadable items too', () => {
    const a = noteOn(SEED_TEXT, 'the Soviet Government');
    const raw = JSON.parse(serializeAnnotationFile({ ...emptyFile('urn:uuid:c'), annotations: [a] }));
    raw.generator = { name: 'Other Tool', zz: 1, aa: 2 };
    raw.first.partOf = 'urn:uuid:c';
    const item = raw.first.items[0];
    item.creator = { type: 'Person', name: 'A. Historian' };
    item['x:rating'] = 5;
    item.body[0].language = 'en';
    item.body.push({ type: 'SpecificResource', source: 'http://example.org/glossary#korea', purpose: 'linking' });
    item.target.scope = 'http://example.org/frus';
    item.target.selector.push({ type: 'XPathSelector', value: '/TEI/text[1]' });
    item.target.selector[0]['x:note'] = 'kept';
    raw.first.items.push({ type: 'Annotation', note: 'no id, no target: not readable by us' });
    const parsed = parseAnnotationFile(JSON.stringify(raw));
    assert.ok(parsed.ok);
    assert.equal(parsed.file.unreadable.length, 1);
    const edited = withBody(parsed.file.annotations[0], { text: 'Changed note.' }, '2024-06-01T00:00:00.000Z');
    const out = JSON.parse(serializeAnnotationFile({ ...parsed.file, annotations: [edited] }));
    assert.deepEqual(out.generator, { aa: 2, name: 'Other Tool', zz: 1 });
    assert.equal(out.first.partOf, 'urn:uuid:c');
    const o = out.first.items[0];
    assert.deepEqual(o.creator, { name: 'A. Historian', type: 'Person' });
    assert.equal(o['x:rating'], 5);
    assert.equal(o.body[0].value, 'Changed note.');
    assert.equal(o.body[0].language, 'en', 'the note body keeps its fields');
    assert.ok(o.body.some((b: { purpose?: string }) => b.purpose === 'linking'), 'a body of another kind is kept');
    assert.deepEqual(noteOf(edited).tags, ['korea', 'ceasefire']);
    assert.equal(o.target.scope, 'http://example.org/frus');
    assert.ok(o.target.selector.some((s: { type: string }) => s.type === 'XPathSelector'));
    assert.equal(o.target.selector[0]['x:note'], 'kept');
    assert.deepEqual(out.first.items[1], { note: 'no id, no target: not readable by us', type: 'Annotation' });
    assert.equal(out.total, 2);
  });

  test('stable output: same text whatever the key order or annotation order it was read in', () => {
    const notes = ['the Soviet Government', 'a greater freedom of exchange', 'My host then stated'].map((p, i) =>
      noteOn(SEED_TEXT, p, `urn:uuid:00000000-0000-4000-8000-00000000000${i}`));
    const reply = createAnnotation('urn:uuid:00000000-0000-4000-8000-00000000000r', T0, { text: 'Agreed.', tags: [] }, notes[0].id);
    const file = { ...emptyFile('urn:uuid:c'), annotations: [...notes, reply] };
    const text = serializeAnnotationFile(file);
    const shuffled = { ...file, annotations: [reply, notes[2], notes[0], notes[1]].map(reverseKeys) };
    assert.equal(serializeAnnotationFile(shuffled), text);
    const reread = parseAnnotationFile(text);
    assert.ok(reread.ok);
    assert.equal(serializeAnnotationFile(reread.file), text, 'read and written again: byte for byte');
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^ {2}"@context"/m, 'pretty-printed');
    // File order: reading order of the passages; the reply right after its note.
    const ids = (JSON.parse(text).first.items as WebAnnotation[]).map((a) => a.id.slice(-1));
    const order = notes.map((n) => ({ id: n.id.slice(-1), at: SEED_TEXT.indexOf(selectors(n).quote.exact) })).sort((x, y) => x.at - y.at).map((x) => x.id);
    const root = order.indexOf('0');
    assert.deepEqual(ids, [...order.slice(0, root + 1), 'r', ...order.slice(root + 1)]);
  });

  test('what does not parse is an error in words, with line and column', () => {
    const broken = parseAnnotationFile('{\n  "type": "AnnotationCollection",\n  "first": { "items": [ }\n}');
    assert.ok(!broken.ok);
    assert.match(broken.error, /line 3, column \d+/);
    const wrong = parseAnnotationFile('{"type": "Annotation"}');
    assert.ok(!wrong.ok && /AnnotationCollection/.test(wrong.error));
    const notAnArray = parseAnnotationFile('{"type": "AnnotationCollection", "first": {"items": 3}}');
    assert.ok(!notAnArray.ok);
    assert.ok(parseAnnotationFile('\uFEFF{"type": "AnnotationCollection"}').ok, 'a byte-order mark is fine');
  });

  test('Markdown export: quote, page citation, note, tags, replies, flags', () => {
    const a = noteOn(SEED_TEXT, 'made to see whether there were views');
    const reply = createAnnotation('urn:uuid:r', '2024-05-02T00:00:00.000Z', { text: 'See also p. 510.', tags: [] }, a.id);
    const md = toMarkdown([{ name: 'kennan-1951.memo', uri: 'file:///k.memo', title: 'Kennan to Matthews', items: [
      { annotation: a, status: 'moved', page: '508' }, { annotation: reply, status: 'moved', page: '508' }] }]);
    assert.match(md, /^## Kennan to Matthews \(kennan-1951\.memo\)$/m);
    assert.match(md, /^### p\. 508 · #korea #ceasefire$/m);
    assert.match(md, /^> made to see whether there were views \(p\. 508\)$/m);
    assert.match(md, /^Kennan \*hedges\* here\.$/m);
    assert.match(md, /^Tags: `korea`, `ceasefire`$/m);
    assert.match(md, /^- \*\*Reply \(2024-05-02\):\*\* See also p\. 510\.$/m);
    assert.match(md, /check the passage/);
    assert.match(toMarkdown([{ name: 'x', uri: 'file:///x', items: [{ annotation: a, status: 'anchored', page: '507–508' }] }]), /^### pp\. 507–508/m);
  });

  test('JSON-LD export and import: a round trip keeps every annotation, retargeted to the document', () => {
    const a = noteOn(SEED_TEXT, 'made to see whether there were views');
    const b = createAnnotation('urn:uuid:r', T0, { text: 'Reply', tags: [] }, a.id);
    const jsonld = JSON.parse(toJsonLd([{ name: 'k', uri: 'file:///home/h/kennan-1951.memo', items: [
      { annotation: a, status: 'anchored', page: '508' }, { annotation: b, status: 'anchored', page: '508' }] }], 'urn:uuid:export', 'Export'));
    assert.equal(jsonld['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(jsonld.first.items[0].target.source, 'file:///home/h/kennan-1951.memo', 'absolute source in exports');
    let n = 0;
    const back = importAnnotations(jsonld, 'copy.memo', () => `urn:uuid:new-${n++}`, T0);
    assert.deepEqual(back.skipped, []);
    assert.deepEqual(back.annotations.map((x) => x.id), [a.id, b.id]);
    assert.equal((back.annotations[0].target as { source: string }).source, 'copy.memo');
    assert.deepEqual(back.annotations[0].body, a.body);
    assert.equal(back.annotations[1].target, a.id);
  });

  test('import accepts other tools’ shapes and says what it skipped', () => {
    const hypothesisLike = {
      type: 'Annotation', bodyValue: 'A plain note',
      target: [{ source: 'http://x', selector: { type: 'TextQuoteSelector', exact: 'the Soviet Government' } }],
    };
    const positionOnly = { id: 'urn:uuid:p', type: 'Annotation', body: 'text', target: { source: 'x', selector: [{ type: 'TextPositionSelector', start: 1, end: 5 }] } };
    const result = importAnnotations([hypothesisLike, positionOnly, 42], 'k.memo', () => 'urn:uuid:gen', T0);
    assert.equal(result.annotations.length, 1);
    assert.equal(result.annotations[0].id, 'urn:uuid:gen');
    assert.equal(noteOf(result.annotations[0]).text, 'A plain note');
    assert.equal(result.skipped.length, 2);
    assert.match(result.skipped.find((s) => s.id === 'urn:uuid:p')!.reason, /TextQuoteSelector/);
    assert.match(importAnnotations({ hello: 1 }, 'k', () => 'x', T0).skipped[0].reason, /not a W3C/);
  });
});

function reverseKeys<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).reverse()) as T;
}
