/**
 * The parser against the ground truth of every corpus document (seed and both renderings of the
 * FRUS documents): each page marker, reference, note, numbered point, the title, the file number
 * and the datelines at their exact positions, and nothing extra.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMemo } from '../../server/src/service/parser/parse';
import { corpusDocuments } from '../util/corpus';

describe('corpus ground truth', () => {
  for (const doc of corpusDocuments()) {
    test(doc.name, () => {
      const model = parseMemo(doc.text);
      const at = (offset: number) => model.lines.positionAt(offset);
      assert.equal(model.memos.length, 1, 'one memo');
      const memo = model.memos[0];
      const truth = doc.truth;
      assert.equal(memo.title?.text ?? null, truth.title, 'title');
      assert.deepEqual(memo.titleLines.map((s) => at(s.start).line), truth.extra.titleLines, 'title lines');
      assert.equal(memo.fileNumber?.text ?? null, truth.fileNumber, 'file number');
      assert.deepEqual(
        model.pageMarkers.map((p) => ({ page: p.page, ...at(p.start) })),
        truth.pageMarkers.map((p) => ({ page: String(p.page), line: p.line, character: p.character })),
        'page markers',
      );
      assert.deepEqual(
        memo.refs.map((r) => ({ label: r.label, ...at(r.start), target: r.note })),
        truth.footnoteRefs,
        'footnote references',
      );
      assert.deepEqual(
        memo.notes.map((n) => ({ label: n.label, line: at(n.start).line, text: n.text })),
        truth.footnotes.map((n) => ({ label: n.label, line: n.line, text: n.text })),
        'notes',
      );
      assert.deepEqual(
        memo.points.filter((p) => !p.inline).map((p) => ({ label: p.label, line: at(p.start).line })),
        truth.numberedPoints,
        'numbered points',
      );
      assert.deepEqual(
        memo.datelines.map((d) => ({ text: d.text, line: at(d.start).line })),
        truth.extra.datelines,
        'datelines',
      );
      assert.deepEqual(
        memo.paragraphs.map((p) => at(p.start).line),
        (truth.extra as unknown as { paragraphLines: number[] }).paragraphLines,
        'body text lines',
      );
    });
  }
});
