/**
 * `.memo-source.json`: parsing with clear problems for bad input, the document number from the
 * file name, the online addresses, the volume as cited; and the JSON schema VS Code validates
 * with agrees with the parser on the fields.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  docFromTitle,
  documentSource,
  documentUrl,
  pageUrl,
  parseSourceMetadata,
  volumeKey,
  volumeLabel,
} from '../../server/src/service/metadata';

const KOREA = {
  series: 'FRUS',
  year: 1951,
  volume: 'VII',
  part: '1',
  title: 'Korea and China',
  id: 'frus1951v07p1',
  urlPattern: 'https://history.state.gov/historicaldocuments/{volume}/d{doc}',
  pageUrlPattern: 'https://history.state.gov/historicaldocuments/{volume}/pg_{page}',
};

describe('.memo-source.json', () => {
  test('a good file parses without problems (a numeric year is taken as text)', () => {
    const { metadata, problems } = parseSourceMetadata(JSON.stringify(KOREA));
    assert.deepEqual(problems, []);
    assert.equal(metadata?.year, '1951');
    assert.equal(volumeLabel(metadata), 'FRUS 1951, vol. VII, pt. 1');
    assert.equal(volumeKey(metadata), 'frus1951v07p1');
  });

  test('bad input is reported field by field, the rest kept', () => {
    assert.match(parseSourceMetadata('{ "series": ').problems[0], /^not valid JSON/);
    assert.equal(parseSourceMetadata('[1, 2]').metadata, null);
    const { metadata, problems } = parseSourceMetadata(JSON.stringify({
      series: 'FRUS',
      volume: [],
      urlPattern: 'history.state.gov/{volume}',
      pageUrlPattern: 'https://x/{volume}/{pg}',
      docPattern: 'd\\d+',
      colour: 'red',
      documents: { 'a.txt': { startPage: 'twelve' }, 'b.txt': 3 },
    }));
    assert.equal(metadata?.series, 'FRUS');
    assert.equal(metadata?.volume, undefined);
    assert.equal(metadata?.urlPattern, undefined);
    assert.equal(metadata?.pageUrlPattern, undefined);
    assert.equal(metadata?.docPattern, undefined);
    assert.deepEqual(metadata?.documents, { 'a.txt': {} });
    const all = problems.join('\n');
    for (const fragment of ['"volume" must be', '"urlPattern" must start with http', 'unknown placeholder(s) {pg}', '"docPattern" needs a capturing group', 'unknown field "colour"', 'startPage" must be a page number', '"documents.b.txt" must be an object']) {
      assert.ok(all.includes(fragment), `expected a problem mentioning ${fragment}; got:\n${all}`);
    }
    assert.match(parseSourceMetadata('{"docPattern": "d(\\\\d+"}').problems[0], /not a valid regular expression/);
  });

  test('the document number: from the documents entry, the docPattern, the default, or the title', () => {
    const metadata = parseSourceMetadata(JSON.stringify({ ...KOREA, documents: { 'kennan-1951.txt': { doc: '328', startPage: 507 } } })).metadata;
    assert.equal(documentSource(metadata, '/r/kennan-1951.txt').doc, '328');
    assert.equal(documentSource(metadata, '/r/kennan-1951.txt').startPage, '507');
    assert.equal(documentSource(metadata, '/r/frus1951v07p1_d329.txt').doc, '329');
    assert.equal(documentSource(metadata, '/r/notes.txt').doc, null);
    const patterned = parseSourceMetadata(JSON.stringify({ docPattern: '^doc-(\\d+)-' })).metadata;
    assert.equal(documentSource(patterned, 'C:\\r\\doc-12-kennan.memo').doc, '12');
    assert.equal(docFromTitle('43. Notes of Telephone Conversation'), '43');
    assert.equal(docFromTitle('Mr. Adams to Mr. Seward.'), null);
  });

  test('online addresses: the page pattern for pages, the document pattern otherwise; none when a value is missing', () => {
    const metadata = parseSourceMetadata(JSON.stringify(KOREA)).metadata;
    const source = documentSource(metadata, 'frus1951v07p1_d328.txt');
    assert.equal(documentUrl(source), 'https://history.state.gov/historicaldocuments/frus1951v07p1/d328');
    assert.equal(pageUrl(source, '508'), 'https://history.state.gov/historicaldocuments/frus1951v07p1/pg_508');
    const noPages = documentSource({ ...metadata, pageUrlPattern: undefined }, 'frus1951v07p1_d328.txt');
    assert.equal(pageUrl(noPages, '508'), 'https://history.state.gov/historicaldocuments/frus1951v07p1/d328');
    assert.equal(documentUrl(documentSource(metadata, 'kennan.txt')), null, 'no document number, no address');
    assert.equal(documentUrl(documentSource(null, 'frus1951v07p1_d328.txt')), null);
  });

  test('the schema names the fields the parser knows', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'memo-source.schema.json'), 'utf8'));
    assert.deepEqual(
      Object.keys(schema.properties).sort(),
      ['$schema', 'docPattern', 'documents', 'id', 'pageUrlPattern', 'part', 'series', 'supplement', 'title', 'urlPattern', 'volume', 'year'],
    );
    assert.equal(schema.additionalProperties, false);
    // Every documented example parses without problems.
    for (const example of schema.examples ?? []) assert.deepEqual(parseSourceMetadata(JSON.stringify(example)).problems, []);
    assert.ok((schema.examples ?? []).length > 0);
  });
});
