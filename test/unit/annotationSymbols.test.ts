import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnnotationListItem, MemoAnnotation } from '../../common/protocol';
import { annotationSymbols } from '../../server/src/service/annotations/symbols';

function item(text: string, tags: string[], exact: string, range: AnnotationListItem['range'], replyTo?: string): AnnotationListItem {
  const annotation = {
    id: `urn:uuid:${text.length}`,
    type: 'Annotation',
    motivation: 'commenting',
    body: [{ type: 'TextualBody', value: text, format: 'text/markdown' }, ...tags.map((t) => ({ type: 'TextualBody', value: t, purpose: 'tagging' }))],
    target: { source: 'seed.memo', selector: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] },
  } as unknown as MemoAnnotation;
  return { annotation, range, status: range ? 'anchored' : 'orphaned', confidence: range ? 1 : 0, page: '508', ...(replyTo ? { replyTo } : {}) };
}

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });

describe('annotationSymbols', () => {
  const docs = [
    {
      uri: 'file:///a.memo',
      items: [
        item('Kennan hedges here on the cease-fire', ['korea'], 'the earliest possible moment', at(3)),
        item('An orphan about Korea', ['korea'], 'gone', null),
        item('A reply about korea', [], 'x', at(4), 'urn:uuid:1'),
      ],
    },
    { uri: 'file:///b.memo', items: [item('Tibet and the Dalai Lama', ['tibet'], 'Lhasa', at(9))] },
  ];

  test('matches every query word in the note, its #tags or its quote; skips orphans and replies', () => {
    const korea = annotationSymbols(docs, '#korea');
    assert.deepEqual(korea.map((s) => [s.name, s.location.uri, s.location.range.start.line]), [['✎ Kennan hedges here on the cease-fire', 'file:///a.memo', 3]]);
    assert.match(korea[0].containerName ?? '', /p\. 508 · #korea · “the earliest possible moment”/);
    assert.deepEqual(annotationSymbols(docs, 'earliest hedges').length, 1);
    assert.deepEqual(annotationSymbols(docs, 'lhasa').map((s) => s.location.uri), ['file:///b.memo']);
    assert.deepEqual(annotationSymbols(docs, 'nothing-like-this'), []);
    assert.equal(annotationSymbols(docs, '').length, 2);
  });
});
