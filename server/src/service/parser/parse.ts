/**
 * Text -> MemoModel. Never throws: any text, however malformed, gets the structure it has.
 *
 * A file is cut into memos (a memo ends with its notes block, or where a file-number line
 * starts the next), then each memo is read: head (file number, title, datelines,
 * classifications), body (paragraphs, points, page markers, references, editorial brackets,
 * quotations) and notes.
 */
import { LineIndex } from './lineIndex';
import type { Memo, MemoModel, Note, PageMarker, Point, Span, TextSpan } from './model';
import {
  CLASSIFICATION,
  DATELINE,
  EDITORIAL,
  ARCHIVE_CITATION,
  DECIMAL_FILE_NUMBER,
  INLINE_POINT,
  NOTE_CONTINUATION,
  NOTE_LINE,
  PAGE_MARKER,
  POINT_LABEL_LINE,
  QUOTATION,
} from './patterns';
import { collectCandidates, resolveReferences, type RefCandidate } from './references';

/** A line of the text with its offsets; `text` excludes the line break (and a leading BOM). */
interface Line {
  start: number;
  text: string;
  blank: boolean;
}

const MAX_TITLE_LINES = 3;
const MAX_TITLE_LENGTH = 300;
const FIRST_WORDS = 6;
const PAGE_MARKER_LINE = /^\[Page [^\]]{1,12}\]$/;

/** Parses a whole text into memos. */
export function parseMemo(text: string): MemoModel {
  const lines = new LineIndex(text);
  let all: Line[];
  try {
    all = splitLines(text, lines);
    const memos = splitMemos(all).map(([from, to]) => parseOne(all, from, to, text));
    const pageMarkers = memos.flatMap((m) => m.pageMarkers);
    return { text, lines, memos, pageMarkers };
  } catch (error) {
    // A parser bug must never take features down with it: serve the text with no structure.
    console.error('memo parser failed:', error);
    return { text, lines, memos: [], pageMarkers: [] };
  }
}

function splitLines(text: string, index: LineIndex): Line[] {
  const out: Line[] = new Array(index.lineCount);
  for (let i = 0; i < index.lineCount; i++) {
    let start = index.starts[i];
    const end = index.lineEnd(i);
    if (i === 0 && text.charCodeAt(0) === 0xfeff) start++;
    const lineText = text.slice(start, end);
    out[i] = { start, text: lineText, blank: lineText.trim().length === 0 };
  }
  return out;
}

/** Note line number `n` (1-based) or null. */
function noteNumber(line: Line): number | null {
  const m = NOTE_LINE.exec(line.text);
  return m ? Number(m[1]) : null;
}

/** End (exclusive line index) of the notes block starting at `from`, whose first note is 1. */
function notesBlockEnd(lines: Line[], from: number): number {
  let expected = 1;
  let i = from;
  while (i < lines.length) {
    const n = noteNumber(lines[i]);
    if (n === expected) {
      expected++;
      i++;
    } else if (expected > 1 && NOTE_CONTINUATION.test(lines[i].text)) {
      i++;
    } else break;
  }
  return i;
}

function isFileNumberLine(line: Line, strict = false): boolean {
  if (line.text.length > 100) return false;
  const text = line.text.trim();
  return DECIMAL_FILE_NUMBER.test(text) || (!strict && ARCHIVE_CITATION.test(text));
}

/** Cuts the lines into memos, as [from, to) line ranges. */
function splitMemos(lines: Line[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let from = 0;
  let hasBody = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.blank) continue;
    const prevBlank = i === 0 || lines[i - 1].blank;
    // Notes may follow the closing lines directly, without a blank line.
    if (noteNumber(line) === 1) {
      const end = notesBlockEnd(lines, i);
      ranges.push([from, end]);
      from = end;
      hasBody = false;
      i = end - 1;
      continue;
    }
    if (hasBody && prevBlank && isFileNumberLine(line, true) && i + 1 < lines.length && lines[i + 1].blank) {
      ranges.push([from, i]);
      from = i;
    }
    // A page marker alone (the page a pasted memo opens on) is not yet a memo's body.
    if (!PAGE_MARKER_LINE.test(line.text.trim())) hasBody = true;
  }
  if (from < lines.length && (ranges.length === 0 || lines.slice(from).some((l) => !l.blank))) {
    ranges.push([from, lines.length]);
  } else if (ranges.length > 0) {
    ranges[ranges.length - 1][1] = lines.length;
  }
  return ranges;
}

function lineSpan(line: Line): TextSpan {
  return { start: line.start, end: line.start + line.text.length, text: line.text };
}

/** Trimmed span of a line (no leading/trailing white space). */
function trimmedSpan(line: Line): TextSpan {
  const lead = line.text.length - line.text.trimStart().length;
  const text = line.text.trim();
  return { start: line.start + lead, end: line.start + lead + text.length, text };
}

/** The next block (run of non-blank lines) at or after `i`, as [first, end). */
function blockAt(lines: Line[], i: number, to: number): [number, number] | null {
  while (i < to && lines[i].blank) i++;
  if (i >= to) return null;
  let end = i;
  while (end < to && !lines[end].blank) end++;
  return [i, end];
}

function firstWords(text: string): string {
  const words = text
    .replace(/\[Page [^\]]*\]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const head = words.slice(0, FIRST_WORDS).join(' ');
  return words.length > FIRST_WORDS ? `${head}…` : head;
}

function parseOne(lines: Line[], from: number, to: number, text: string): Memo {
  const memo: Memo = {
    start: lines[from]?.start ?? text.length,
    end: to > from ? lines[to - 1].start + lines[to - 1].text.length : text.length,
    fileNumber: null,
    title: null,
    titleLines: [],
    datelines: [],
    classifications: [],
    paragraphs: [],
    points: [],
    pageMarkers: [],
    refs: [],
    notes: [],
    notesBlock: null,
    insertions: [],
    quotations: [],
  };

  // Notes block: the trailing run of note lines.
  let bodyEnd = to;
  let firstNote = -1;
  let contentEnd = to;
  while (contentEnd > from && lines[contentEnd - 1].blank) contentEnd--;
  for (let i = from; i < contentEnd; i++) {
    if (!lines[i].blank && noteNumber(lines[i]) === 1 && notesBlockEnd(lines, i) === contentEnd) {
      firstNote = i;
      break;
    }
  }
  if (firstNote >= 0) {
    bodyEnd = firstNote;
    memo.notes = readNotes(lines, firstNote, contentEnd);
    const last = lines[contentEnd - 1];
    memo.notesBlock = { start: lines[firstNote].start, end: last.start + last.text.length };
  }

  // Head: file number, then the title block.
  const roles = new Array<string>(to - from).fill('');
  const role = (i: number, r: string) => (roles[i - from] = r);
  // A document that opens a printed page may start with its marker on a line of its own.
  let first = blockAt(lines, from, bodyEnd);
  while (first && first[1] - first[0] === 1 && PAGE_MARKER_LINE.test(lines[first[0]].text.trim())) {
    first = blockAt(lines, first[1], bodyEnd);
  }
  let titleBlock: [number, number] | null = first;
  if (first && isFileNumberLine(lines[first[0]])) {
    memo.fileNumber = trimmedSpan(lines[first[0]]);
    for (let i = first[0]; i < first[1] && isFileNumberLine(lines[i]); i++) role(i, 'file');
    titleBlock = blockAt(lines, first[1], bodyEnd);
  }
  if (titleBlock) {
    const [t0, t1] = titleBlock;
    const count = t1 - t0;
    const candidate = lines.slice(t0, Math.min(t1, t0 + MAX_TITLE_LINES));
    const plausible = (l: Line) =>
      l.text.length <= MAX_TITLE_LENGTH && !l.text.startsWith('[Page ') && !POINT_LABEL_LINE.test(l.text.trim());
    if (plausible(candidate[0])) {
      const n = count <= MAX_TITLE_LINES && candidate.every(plausible) ? count : 1;
      for (let i = t0; i < t0 + n; i++) {
        memo.titleLines.push(trimmedSpan(lines[i]));
        role(i, 'title');
      }
      // Older volumes, which print no file number, put a short bracketed head note under the
      // title in its place (`[Extract.]`, `[Translation.]`): part of the head, not a paragraph.
      // Later volumes' `[Telegram]` lines under a file number are ordinary text lines.
      const head = memo.fileNumber ? null : blockAt(lines, t0 + n, bodyEnd);
      if (head && head[1] - head[0] === 1 && /^\[[^\]]{1,40}\]$/.test(lines[head[0]].text.trim()) && !lines[head[0]].text.includes('[Page ')) {
        role(head[0], 'headnote');
      }
    }
  }

  // Datelines and classifications: short lines of their own.
  for (let i = from; i < bodyEnd; i++) {
    const line = lines[i];
    if (line.blank || roles[i - from]) continue;
    const trimmed = line.text.trim();
    if (trimmed.length > 120) continue;
    if (CLASSIFICATION.test(trimmed)) {
      memo.classifications.push(trimmedSpan(line));
      role(i, 'classification');
    } else if (DATELINE.test(trimmed)) {
      // A place line ending in a comma just above belongs to the dateline (`Legation …,`).
      if (i - 1 > from && !lines[i - 1].blank && !roles[i - 1 - from] && /,\]?$/.test(lines[i - 1].text.trim()) && lines[i - 1].text.length <= 80) {
        memo.datelines.push(trimmedSpan(lines[i - 1]));
        role(i - 1, 'dateline');
      }
      memo.datelines.push(trimmedSpan(line));
      role(i, 'dateline');
    }
  }
  memo.datelines.sort((a, b) => a.start - b.start);

  // Body: page markers, points, paragraphs, editorial brackets, quotations, reference candidates.
  const candidates: RefCandidate[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (line.blank) continue;
    const inNotes = i >= bodyEnd;
    const markers = findPageMarkers(line);
    memo.pageMarkers.push(...markers);
    findEditorial(line, markers, memo.insertions);
    findQuotations(line, memo.quotations);
    if (inNotes) continue;
    const r = roles[i - from];
    if (r === 'file') continue;
    collectCandidates(line.text, line.start, markers, candidates);
    if (r === 'dateline' || r === 'classification') memo.paragraphs.push(lineSpan(line));
    if (r) continue;
    const trimmed = line.text.trim();
    if (markers.length === 1 && trimmed === line.text.slice(markers[0].start - line.start, markers[0].end - line.start)) {
      continue; // a marker on a line of its own
    }
    if (POINT_LABEL_LINE.test(trimmed)) {
      memo.points.push(readPoint(lines, i, bodyEnd, trimmed));
      continue;
    }
    memo.paragraphs.push(lineSpan(line));
    const inline = INLINE_POINT.exec(line.text);
    if (inline) {
      memo.points.push({
        start: line.start,
        end: line.start + line.text.length,
        label: inline[1],
        labelSpan: { start: line.start, end: line.start + inline[1].length },
        inline: true,
        firstWords: firstWords(line.text.slice(inline[0].length)),
      });
    }
  }

  // References: tie candidates to notes by order.
  const resolved = resolveReferences(candidates, memo.notes.length);
  memo.refs = resolved.map((r) => ({ start: r.start, end: r.end, label: r.label, note: r.note }));
  memo.refs.forEach((ref, index) => memo.notes[ref.note].refs.push(index));

  if (memo.titleLines.length > 0) {
    const parts = memo.titleLines.map((span) => {
      let s = text.slice(span.start, span.end);
      const inLine = memo.refs.filter((r) => r.start >= span.start && r.end <= span.end).reverse();
      for (const r of inLine) s = s.slice(0, r.start - span.start) + s.slice(r.end - span.start);
      return s.trim();
    });
    const first = memo.titleLines[0];
    const last = memo.titleLines[memo.titleLines.length - 1];
    memo.title = { start: first.start, end: last.end, text: parts.join(' ') };
  }
  return memo;
}

function findPageMarkers(line: Line): PageMarker[] {
  if (line.text.indexOf('[Page ') < 0) return [];
  const out: PageMarker[] = [];
  PAGE_MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PAGE_MARKER.exec(line.text)) !== null) {
    out.push({ start: line.start + m.index, end: line.start + m.index + m[0].length, page: m[1] });
  }
  return out;
}

function findEditorial(line: Line, markers: PageMarker[], out: Span[]): void {
  if (line.text.indexOf('[') < 0) return;
  EDITORIAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EDITORIAL.exec(line.text)) !== null) {
    const start = line.start + m.index;
    if (markers.some((p) => p.start === start)) continue;
    out.push({ start, end: start + m[0].length });
  }
}

function findQuotations(line: Line, out: Span[]): void {
  if (line.text.indexOf('“') < 0 && line.text.indexOf('"') < 0) return;
  QUOTATION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTATION.exec(line.text)) !== null) {
    out.push({ start: line.start + m.index, end: line.start + m.index + m[0].length });
  }
}

/** A label line and the item lines after it (up to a blank line or the next label). */
function readPoint(lines: Line[], i: number, bodyEnd: number, label: string): Point {
  const line = lines[i];
  const lead = line.text.indexOf(label);
  let end = i + 1;
  while (end < bodyEnd && !lines[end].blank && !POINT_LABEL_LINE.test(lines[end].text.trim())) end++;
  const lastLine = lines[Math.max(i, end - 1)];
  const itemText = end > i + 1 ? lines[i + 1].text : '';
  return {
    start: line.start,
    end: lastLine.start + lastLine.text.length,
    label,
    labelSpan: { start: line.start + lead, end: line.start + lead + label.length },
    inline: false,
    firstWords: firstWords(itemText),
  };
}

function readNotes(lines: Line[], from: number, to: number): Note[] {
  const notes: Note[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const m = NOTE_LINE.exec(line.text);
    if (m && Number(m[1]) === notes.length + 1) {
      const labelStart = line.start + m[0].indexOf(m[1]);
      notes.push({
        start: line.start,
        end: line.start + line.text.length,
        label: m[1],
        labelSpan: { start: labelStart, end: labelStart + m[1].length + 1 },
        text: line.text.slice(m[0].length).trim(),
        refs: [],
      });
    } else if (notes.length > 0 && !line.blank) {
      const note = notes[notes.length - 1];
      note.text += '\n' + line.text.trim();
      note.end = line.start + line.text.length;
    }
  }
  return notes;
}
