/**
 * One memo's lines -> Memo: head (file number, title, datelines, classifications), body
 * (paragraphs, points, page markers, references, editorial brackets, quotations) and notes.
 *
 * Speed matters (a volume is 5 MB): what lies inside lines comes pre-scanned (scan.ts), and each
 * line is classified by its first characters and length before any line pattern runs on it.
 */
import { isSpace } from './chars';
import type { LineTable } from './lineTable';
import type { Memo, Note, Point, TextSpan } from './model';
import { CLASSIFICATION, DATELINE, HEAD_NOTE, INLINE_POINT } from './patterns';
import { resolveReferences, shiftCandidate, type RefCandidate } from './references';
import type { Scan } from './scan';
import { inNotesRun, notesBlockEnd } from './split';

const MAX_TITLE_LINES = 3;
const MAX_TITLE_LENGTH = 300;
const FIRST_WORDS = 6;
/** Datelines and classifications are short lines. */
const MAX_HEAD_LINE = 120;

const ROLE_FILE = 1;
const ROLE_TITLE = 2;
const ROLE_CLASSIFICATION = 3;
const ROLE_DATELINE = 4;
const ROLE_HEAD_NOTE = 5;

/** The first words of a line for outlines: page markers read as spaces, at most six words. */
export function firstWords(text: string): string {
  // The words of `text.replace(/\[Page [^\]]*\]/g, ' ').trim().split(/\s+/)`, read from the
  // front only as far as needed: label items can be long paragraphs.
  const words: string[] = [];
  const len = text.length;
  let pos = 0;
  let word = -1;
  // Once a `[Page ` has no closing bracket after it, no later one has either.
  let markersPossible = true;
  while (pos < len && words.length <= FIRST_WORDS) {
    const c = text.charCodeAt(pos);
    let close = -1;
    if (c === 91 && markersPossible && text.startsWith('[Page ', pos)) {
      close = text.indexOf(']', pos + 6);
      if (close < 0) markersPossible = false;
    }
    if (close >= 0 || isSpace(c)) {
      if (word >= 0) words.push(text.slice(word, pos));
      word = -1;
      pos = close >= 0 ? close + 1 : pos + 1;
      continue;
    }
    if (word < 0) word = pos;
    pos++;
  }
  if (word >= 0 && words.length <= FIRST_WORDS) words.push(text.slice(word, pos));
  const head = words.slice(0, FIRST_WORDS).join(' ');
  return words.length > FIRST_WORDS ? `${head}…` : head;
}

let rolesBuffer = new Uint8Array(1024);

/** A zeroed role per line; one buffer serves every memo (reading is not re-entrant). */
function rolesFor(n: number): Uint8Array {
  if (rolesBuffer.length < n) rolesBuffer = new Uint8Array(Math.max(n, rolesBuffer.length * 2));
  rolesBuffer.fill(0, 0, n);
  return rolesBuffer;
}

function trimmedSpan(T: LineTable, i: number): TextSpan {
  const start = T.start(i) + T.lead(i);
  const end = T.end(i) - T.trail(i);
  return { start, end, text: T.trimmed(i) };
}

/**
 * Reads lines [from, to) of the table as one memo. `scan` holds what lies inside those lines
 * (and possibly more: candidates outside the memo's body are ignored).
 */
export function readMemo(T: LineTable, from: number, to: number, scan: Scan): Memo {
  const memo: Memo = {
    start: to > from ? T.start(from) : T.base + T.src.length,
    end: to > from ? T.end(to - 1) : T.base + T.src.length,
    fileNumber: null,
    title: null,
    titleLines: [],
    datelines: [],
    classifications: [],
    paragraphs: [],
    points: [],
    pageMarkers: scan.markers,
    refs: [],
    notes: [],
    notesBlock: null,
    insertions: scan.insertions,
    quotations: scan.quotations,
    refCandidates: [],
  };
  if (to <= from) return memo;

  // Notes block: the trailing run of note lines.
  let bodyEnd = to;
  let contentEnd = to;
  while (contentEnd > from && T.blank(contentEnd - 1)) contentEnd--;
  // The block is the last run of note and continuation lines, opened by a note 1 whose
  // numbering runs through it (there is at most one such line: a later `  1.` breaks a chain).
  let runStart = contentEnd;
  while (runStart > from && inNotesRun(T, runStart - 1)) runStart--;
  for (let i = runStart; i < contentEnd; i++) {
    if (T.noteNumber(i) === 1 && notesBlockEnd(T, i, to) === contentEnd) {
      bodyEnd = i;
      memo.notes = readNotes(T, i, contentEnd);
      memo.notesBlock = { start: T.start(i), end: T.end(contentEnd - 1) };
      break;
    }
  }

  // Head: file number, then the title block.
  const roles = rolesFor(to - from);
  const blockAt = (i: number): [number, number] | null => {
    while (i < bodyEnd && T.blank(i)) i++;
    if (i >= bodyEnd) return null;
    let end = i;
    while (end < bodyEnd && !T.blank(end)) end++;
    return [i, end];
  };
  // A document that opens a printed page may start with its marker on a line of its own.
  let first = blockAt(from);
  while (first && first[1] - first[0] === 1 && T.markerLine(first[0])) first = blockAt(first[1]);
  let titleBlock = first;
  // The file-number lines [fileFrom, fileTo) hold no references.
  let fileFrom = from;
  let fileTo = from;
  if (first && T.fileNumber(first[0])) {
    memo.fileNumber = trimmedSpan(T, first[0]);
    let i = first[0];
    for (; i < first[1] && T.fileNumber(i); i++) roles[i - from] = ROLE_FILE;
    fileFrom = first[0];
    fileTo = i;
    titleBlock = blockAt(first[1]);
  }
  if (titleBlock) {
    const [t0, t1] = titleBlock;
    const count = t1 - t0;
    const plausible = (i: number) => T.length(i) <= MAX_TITLE_LENGTH && !T.src.startsWith('[Page ', T.start(i) - T.base) && !T.label(i);
    if (plausible(t0)) {
      let all = true;
      for (let i = t0; i < Math.min(t1, t0 + MAX_TITLE_LINES); i++) all = all && plausible(i);
      const lines = count <= MAX_TITLE_LINES && all ? count : 1;
      for (let i = t0; i < t0 + lines; i++) {
        memo.titleLines.push(trimmedSpan(T, i));
        roles[i - from] = ROLE_TITLE;
      }
      // Older volumes, which print no file number, put a short bracketed head note under the
      // title in its place (`[Extract.]`, `[Translation.]`): part of the head, not a paragraph.
      // Later volumes' `[Telegram]` lines under a file number are ordinary text lines.
      const head = memo.fileNumber ? null : blockAt(t0 + lines);
      if (head && head[1] - head[0] === 1 && T.firstChar(head[0]) === 91 && HEAD_NOTE.test(T.trimmed(head[0])) && !T.text(head[0]).includes('[Page ')) {
        roles[head[0] - from] = ROLE_HEAD_NOTE;
      }
    }
  }

  // Datelines and classifications: short lines of their own.
  for (let i = from; i < bodyEnd; i++) {
    if (roles[i - from] || T.blank(i) || T.trimmedLength(i) > MAX_HEAD_LINE) continue;
    const trimmed = T.trimmed(i);
    if (CLASSIFICATION.test(trimmed)) {
      memo.classifications.push(trimmedSpan(T, i));
      roles[i - from] = ROLE_CLASSIFICATION;
    } else if (trimmed.indexOf(',') >= 0 || trimmed.startsWith('[Received')) {
      // (Every DATELINE has a comma but the `[Received …]` form: the test skips most lines.)
      if (!DATELINE.test(trimmed)) continue;
      // A place line ending in a comma just above belongs to the dateline (`Legation …,`).
      const p = i - 1;
      if (p > from && !T.blank(p) && !roles[p - from] && T.length(p) <= 80 && /,\]?$/.test(T.trimmed(p))) {
        memo.datelines.push(trimmedSpan(T, p));
        roles[p - from] = ROLE_DATELINE;
      }
      memo.datelines.push(trimmedSpan(T, i));
      roles[i - from] = ROLE_DATELINE;
    }
  }
  memo.datelines.sort((a, b) => a.start - b.start);

  // Body lines: points and paragraphs.
  const markers = memo.pageMarkers;
  let mi = 0;
  for (let i = from; i < bodyEnd; i++) {
    if (T.blank(i)) continue;
    const start = T.start(i);
    const end = T.end(i);
    const role = roles[i - from];
    if (role) {
      // Datelines and classifications are text lines too (folding, selection, word counts).
      if (role === ROLE_DATELINE || role === ROLE_CLASSIFICATION) memo.paragraphs.push({ start, end });
      continue;
    }
    // A marker on a line of its own is not a paragraph.
    while (mi < markers.length && markers[mi].start < start) mi++;
    if (mi < markers.length && markers[mi].start === start + T.lead(i) && markers[mi].end === end - T.trail(i)) continue;
    if (T.label(i)) {
      memo.points.push(readPoint(T, i, bodyEnd));
      continue;
    }
    memo.paragraphs.push({ start, end });
    const c0 = T.src.charCodeAt(start - T.base);
    if ((c0 >= 48 && c0 <= 57) || c0 === 40) {
      const text = T.text(i);
      const inline = INLINE_POINT.exec(text);
      if (inline) {
        memo.points.push({
          start,
          end,
          label: inline[1],
          labelSpan: { start, end: start + inline[1].length },
          inline: true,
          firstWords: firstWords(text.slice(inline[0].length)),
        });
      }
    }
  }

  // References: the candidates of the body (but the file-number lines), tied to notes by order.
  const bodyStart = T.start(from);
  const bodyStop = bodyEnd > from ? T.end(bodyEnd - 1) : bodyStart;
  const fileStart = fileTo > fileFrom ? T.start(fileFrom) : -1;
  const fileStop = fileTo > fileFrom ? T.end(fileTo - 1) : -1;
  const candidates: RefCandidate[] = [];
  for (const c of scan.candidates) {
    const at = c.alternatives[0].start;
    if (at < bodyStart || at >= bodyStop || (at >= fileStart && at < fileStop)) continue;
    candidates.push(c);
  }
  memo.refCandidates = candidates.map((c) => shiftCandidate(c, -memo.start));
  const resolved = resolveReferences(candidates, memo.notes.map((n) => Number(n.label)));
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i];
    memo.refs.push({ start: r.start, end: r.end, label: r.label, note: r.note });
    memo.notes[r.note].refs.push(i);
  }

  if (memo.titleLines.length > 0) {
    const parts = memo.titleLines.map((span) => {
      let t = T.src.slice(span.start - T.base, span.end - T.base);
      const inLine = memo.refs.filter((r) => r.start >= span.start && r.end <= span.end).reverse();
      for (const r of inLine) t = t.slice(0, r.start - span.start) + t.slice(r.end - span.start);
      return t.trim();
    });
    const firstLine = memo.titleLines[0];
    const lastLine = memo.titleLines[memo.titleLines.length - 1];
    memo.title = { start: firstLine.start, end: lastLine.end, text: parts.join(' ') };
  }
  return memo;
}

/** A label line and the item lines after it (up to a blank line or the next label). */
function readPoint(T: LineTable, i: number, bodyEnd: number): Point {
  const label = T.trimmed(i);
  let end = i + 1;
  while (end < bodyEnd && !T.blank(end) && !T.label(end)) end++;
  const last = Math.max(i, end - 1);
  const itemText = end > i + 1 ? T.text(i + 1) : '';
  const labelStart = T.start(i) + T.lead(i);
  return {
    start: T.start(i),
    end: T.end(last),
    label,
    labelSpan: { start: labelStart, end: labelStart + label.length },
    inline: false,
    firstWords: firstWords(itemText),
  };
}

function readNotes(T: LineTable, from: number, to: number): Note[] {
  const notes: Note[] = [];
  let lastNumber = 0;
  for (let i = from; i < to; i++) {
    const number = T.noteNumber(i);
    // Numbers run upwards and may skip one lost in copying (`1.`, `3.`); see notesBlockEnd.
    if (number > lastNumber) {
      lastNumber = number;
      const text = T.text(i);
      const dot = text.indexOf('.', 2);
      const label = text.slice(2, dot);
      const labelStart = T.start(i) + 2;
      notes.push({
        start: T.start(i),
        end: T.end(i),
        label,
        labelSpan: { start: labelStart, end: labelStart + label.length + 1 },
        text: text.slice(dot + 2).trim(),
        refs: [],
      });
    } else if (notes.length > 0 && !T.blank(i)) {
      const note = notes[notes.length - 1];
      note.text += '\n' + T.trimmed(i);
      note.end = T.end(i);
    }
  }
  return notes;
}
