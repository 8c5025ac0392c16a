/**
 * Hover on a page marker (which page begins here, where the previous one began, how to cite it),
 * on a footnote reference (the note's full text), and on a page reference in the text
 * (`p. 462`, `pp. 507–511`: where that page is, when the text has it). Nothing on ordinary words.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { MemoModel, PageMarker } from '../parser/model';
import { pageReferencesInLine, type CitedWork } from '../workspace/pageRefs';
import { footnoteAt } from './footnoteLinks';
import { markerBefore, previousPage } from './pages';
import { toRange, touches } from './ranges';

/** Finds where a printed page begins in this text (a marker), if it has one. */
export type PageLocator = (page: string) => string | null;

function pageMarkerHover(model: MemoModel, index: number, marker: PageMarker): Hover {
  const line = model.lines.positionAt(marker.start).line + 1;
  const lines = [`**Page ${marker.page}** begins here (line ${line}).`];
  if (index > 0) {
    const prev = model.pageMarkers[index - 1];
    lines.push(`Page ${prev.page} began at line ${model.lines.positionAt(prev.start).line + 1}.`);
  } else {
    const before = previousPage(marker.page);
    if (before) lines.push(`The text before this marker lies on page ${before}.`);
  }
  lines.push(`Cite text after this marker as \`p. ${marker.page}\`.`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toRange(model, marker) };
}

function localPageLine(model: MemoModel, page: string): number | null {
  const marker = model.pageMarkers.find((m) => m.page === page);
  return marker ? model.lines.positionAt(marker.start).line + 1 : null;
}

function describeWork(work: CitedWork): string {
  if (work.other) return 'another publication';
  const parts = [work.year && `Foreign Relations, ${work.year}`, work.volume && `vol. ${work.volume}`, work.part && `pt. ${work.part}`];
  return parts.filter(Boolean).join(', ') || 'another volume';
}

function pageReferenceHover(model: MemoModel, offset: number, locate?: PageLocator): Hover | null {
  const line = model.lines.lineAt(offset);
  const refs = pageReferencesInLine(model.lines.lineText(line), model.lines.starts[line]);
  const ref = refs.find((r) => offset >= r.span.start && offset <= r.span.end);
  if (!ref) return null;
  const numbers = ref.pages.map((p) => p.page);
  const pages = numbers.length > 1 ? `pages ${numbers[0]}–${numbers[1]}` : `page ${numbers[0]}`;
  const parts: string[] = [];
  if (ref.work) {
    // Page numbers only compare within one volume: this one points elsewhere.
    parts.push(`In ${describeWork(ref.work)}; the folder index resolves it only when that is the folder's own volume.`);
  }
  // The locator knows pages, not volumes: only a reference into this volume may use it.
  for (const page of ref.work ? [] : numbers) {
    const local = localPageLine(model, page);
    if (local !== null) parts.push(`Page ${page} begins at line ${local} of this document.`);
    else {
      const elsewhere = locate?.(page);
      if (elsewhere) parts.push(`Page ${page}: ${elsewhere}`);
    }
  }
  if (parts.length === 0) parts.push(`Printed ${pages}: not in this document (nor, as far as known, in the open folder).`);
  const heading = ref.footnote ? `**Reference to footnote ${ref.footnote}, ${pages}**` : `**Reference to ${pages}**`;
  return {
    contents: { kind: MarkupKind.Markdown, value: [heading, ...parts].join('\n\n') },
    range: toRange(model, ref.span),
  };
}

export function hover(model: MemoModel, offset: number, locate?: PageLocator): Hover | null {
  const i = markerBefore(model.pageMarkers, offset);
  if (i >= 0 && touches(model.pageMarkers[i], offset) && offset < model.pageMarkers[i].end) {
    return pageMarkerHover(model, i, model.pageMarkers[i]);
  }
  const hit = footnoteAt(model, offset);
  if (hit?.ref) {
    const { note, ref } = hit;
    const printed = ref.label !== note.label ? ` (printed as ${ref.label})` : '';
    return {
      contents: { kind: MarkupKind.Markdown, value: `**Footnote ${note.label}**${printed}\n\n${note.text}` },
      range: toRange(model, ref),
    };
  }
  if (hit) {
    const refLines = hit.note.refs.map((r) => model.lines.positionAt(hit.memo.refs[r].start).line + 1);
    const value = refLines.length
      ? `**Footnote ${hit.note.label}**, referenced at line ${refLines.join(', ')}.`
      : `**Footnote ${hit.note.label}**: no reference in the text points to it.`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(model, hit.note.labelSpan) };
  }
  return pageReferenceHover(model, offset, locate);
}
