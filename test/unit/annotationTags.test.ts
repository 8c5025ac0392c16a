import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { joinTags, splitTags } from '../../client/src/annotations/tags';

describe('#tags typed in a note', () => {
  test('tags on their own line or trailing the note leave the text; tags inside a sentence stay', () => {
    assert.deepEqual(splitTags('Warmer than last time. #tone'), { text: 'Warmer than last time.', tags: ['tone'] });
    assert.deepEqual(splitTags('Kennan hedges here.\n\n#korea #ceasefire'), { text: 'Kennan hedges here.', tags: ['korea', 'ceasefire'] });
    assert.deepEqual(splitTags('See #korea in the middle. Fine.'), { text: 'See #korea in the middle. Fine.', tags: ['korea'] });
    assert.deepEqual(splitTags('#only #tags'), { text: '', tags: ['only', 'tags'] });
  });

  test('Markdown headings, issue-like numbers inside words and duplicates are handled', () => {
    assert.deepEqual(splitTags('# Heading\nText about C#4 and #korea-1951.'), { text: '# Heading\nText about C#4 and #korea-1951.', tags: ['korea-1951'] });
    assert.deepEqual(splitTags('x #Korea #korea').tags, ['Korea']);
  });

  test('joinTags gives back what splitTags reads', () => {
    for (const [text, tags] of [['A note.', ['tone', 'korea']], ['See #korea here.', ['korea', 'tone']], ['', ['only']]] as const) {
      const typed = joinTags(text, tags);
      const back = splitTags(typed);
      assert.deepEqual([back.text, back.tags.sort()], [text, [...tags].sort()], typed);
    }
  });
});
