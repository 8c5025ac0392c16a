/**
 * Keeping a document's annotations on their words: anchoring them all in a text, and following
 * an edit cheaply (shift what lies after it, check what it touched, re-anchor only what it
 * overlapped). Pure: the server adapter holds the state and calls these.
 */
import { AnchorText, anchorQuote, shiftRange, statusAfterEdit, type Anchor } from './anchoring';
import { isReply, positionSelector, quoteSelector, type WebAnnotation } from './model';

/** An insertion at least this long may be a paste: orphans are tried again at once. */
const PASTE_LENGTH = 16;

/** Anchors by annotation id (replies have none: they follow their thread). */
export type Anchors = Map<string, Anchor>;

/** The document range of an annotation's stored TextPositionSelector in `text`, if it fits. */
export function storedRange(text: AnchorText, annotation: WebAnnotation): { start: number; end: number } | null {
  const pos = positionSelector(annotation);
  if (!pos || pos.start < 0 || pos.end < pos.start) return null;
  const cps = text.source.codePoints;
  if (pos.end > cps.length) return null;
  const norm = text.source.norm;
  return { start: norm.toDoc(cps.toUtf16(pos.start)), end: norm.toDoc(cps.toUtf16(pos.end)) };
}

/** Anchors one annotation; `previous` (its range before a reload) is tried first. */
export function anchorOne(text: AnchorText, annotation: WebAnnotation, previous?: Anchor): Anchor {
  const quote = quoteSelector(annotation);
  if (!quote) return { status: 'orphaned', start: -1, end: -1, confidence: 0, method: 'none', reason: 'no TextQuoteSelector to find the passage by' };
  const hints: Array<{ start: number; end: number }> = [];
  if (previous && previous.status !== 'orphaned') hints.push({ start: previous.start, end: previous.end });
  const stored = storedRange(text, annotation);
  if (stored) hints.push(stored);
  return anchorQuote(text, quote, hints);
}

/** Anchors every annotation with a text target. */
export function anchorAll(text: AnchorText, annotations: readonly WebAnnotation[], previous?: Anchors): Anchors {
  const out: Anchors = new Map();
  for (const a of annotations) {
    if (isReply(a)) continue;
    out.set(a.id, anchorOne(text, a, previous?.get(a.id)));
  }
  return out;
}

/** One contiguous edit found by comparing two texts: [start, oldEnd) of the old became [start, newEnd). */
export interface Edit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The edit between two texts (common prefix and suffix), or null when they are equal. */
export function diffTexts(before: string, after: string): Edit | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, oldEnd: before.length - s, newEnd: after.length - s };
}

/**
 * The anchors after the text changed from `before` to `text`. Several edits at once (or a
 * replaced file) arrive as one span from the first change to the last: what lies outside it
 * shifts, what it touches is checked against its quote, what it overlaps is re-anchored.
 * Orphans are tried again when a longer text was inserted (a cut passage pasted back).
 */
export function followEdit(before: string, text: AnchorText, annotations: readonly WebAnnotation[], anchors: Anchors): Anchors {
  const edit = diffTexts(before, text.source.doc);
  if (!edit) return anchors;
  const delta = edit.newEnd - edit.oldEnd;
  const out: Anchors = new Map();
  for (const a of annotations) {
    if (isReply(a)) continue;
    const old = anchors.get(a.id);
    const quote = quoteSelector(a);
    if (!old || !quote) {
      out.set(a.id, anchorOne(text, a));
      continue;
    }
    if (old.status === 'orphaned') {
      // A paste may bring a cut passage back; single keystrokes wait for the caller's idle retry.
      out.set(a.id, edit.newEnd - edit.start >= PASTE_LENGTH ? anchorOne(text, a) : old);
      continue;
    }
    const shifted = shiftRange(old, edit);
    if (shifted && !shifted.inside) {
      out.set(a.id, { ...old, start: shifted.start, end: shifted.end });
      continue;
    }
    // Touched: the diff cannot always tell where in a run of equal characters the edit was
    // (typing "the " before "the Soviet…"), so both readings are checked against the quote.
    const readings = [shifted, { start: old.start + delta, end: old.end + delta }, { start: old.start, end: old.end }]
      .filter((r): r is { start: number; end: number; inside: boolean } => !!r && r.start >= 0 && r.end <= text.source.doc.length && r.start < r.end);
    let next: Anchor | null = null;
    for (const r of readings) {
      const checked = statusAfterEdit(text, quote, r.start, r.end);
      if (checked?.status === 'anchored') {
        next = checked;
        break;
      }
      next ??= r === shifted ? checked : null;
    }
    if (next && next.status === 'moved' && old.status === 'moved' && old.method !== 'edit') {
      // Already moved (e.g. fuzzy): keep the lower of the two confidences.
      next = { ...next, confidence: Math.min(next.confidence, old.confidence) };
    }
    out.set(a.id, next ?? anchorOne(text, a));
  }
  // Anchors of notes not in the list yet (a new note whose write is pending) just shift.
  for (const [id, old] of anchors) {
    if (out.has(id)) continue;
    const shifted = shiftRange(old, edit);
    if (shifted) out.set(id, { ...old, start: shifted.start, end: shifted.end });
  }
  return out;
}

/** Ids whose anchor (range, status or confidence) differs between two sets of anchors. */
export function changedIds(before: Anchors, after: Anchors): string[] {
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids].filter((id) => {
    const a = before.get(id);
    const b = after.get(id);
    return !a || !b || a.start !== b.start || a.end !== b.end || a.status !== b.status || a.confidence !== b.confidence;
  });
}
