/**
 * What a citation says about the document itself, read from its head: the title as cited (without
 * the volume's document number), the author-to-recipient phrase with the kind of document
 * (`Telegram from the Ambassador in India (Henderson) to the Secretary of State`), and the place
 * and date of the first dateline that has a date.
 */
import type { Memo, MemoModel } from '../parser/model';
import { MONTH } from '../parser/patterns';

/** Place and date of a document, from its dateline. */
export interface DocumentDate {
  /** `June 5, 1951`, `June 1977`, `12 July 1861`; null when no dateline has a date. */
  date: string | null;
  /** `New Delhi`, `London`, `[Washington]`; null when the dateline names none. */
  place: string | null;
}

const DATE_IN_LINE = new RegExp(
  `(${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?, \\d{4}|\\d{1,2} ${MONTH},? \\d{4}|${MONTH},? \\d{4})`,
);

/** Words that already say what kind of document a title is. */
const KIND_WORD =
  /^(?:memorandum|memoranda|telegram|letter|despatch|dispatch|airgram|notes?|minutes|paper|report|editorial|intelligence|national|special|circular|instruction|message|record|summary|draft|statement|study|briefing|agreed|aide-m[ée]moire|enclosure|extract|transcript|conversation|diary|editor)/i;

/** Kinds of document a file-number line or a head bracket names (`: Telegram`, `[Telegram]`). */
const KIND_IN_HEAD = /(?::\s*|\[)(Telegram|Circular telegram|Despatch|Dispatch|Airgram|Circular airgram|Instruction|Letter|Memorandum)\]?\s*$/i;

/** How far after the title a kind bracket may stand when the memo has no dateline. */
const HEAD_REACH = 200;

/** Abbreviations a title may end with, whose period is not the sentence's. */
const ENDS_WITH_ABBREVIATION = /(?:\b(?:Jr|Sr|Mr|Mrs|Messrs|Dr|St|Esq|Co|Inc|Ltd|etc)|\b[A-Z])\.$/;

/** The title as cited: without the volume's document number (`328. `, `No. 64. `) and a closing period. */
export function citedTitle(title: string | null | undefined): string | null {
  if (!title) return null;
  let t = title.trim().replace(/^(?:No\.\s*)?\d{1,5}[a-z]?\.\s+/, '');
  if (t.endsWith('.') && !ENDS_WITH_ABBREVIATION.test(t)) t = t.slice(0, -1);
  return t.trim() || null;
}

/** The file number as cited: without the kind of document after it (`793B.00/6–351: Telegram`). */
export function citedFileNumber(text: string | null | undefined): string | null {
  if (!text) return null;
  return text.replace(KIND_IN_HEAD, '').replace(/[:;,\s]+$/, '').trim() || null;
}

/** The kind of document the head names (`Telegram`), or null. */
export function documentKind(model: MemoModel, memo: Memo): string | null {
  const fromFile = memo.fileNumber ? KIND_IN_HEAD.exec(memo.fileNumber.text)?.[1] : undefined;
  if (fromFile) return capitalize(fromFile);
  // `[Telegram]` on a line of its own in the head, between the title and the first dateline.
  const headEnd = memo.datelines[0]?.start ?? (memo.title ? memo.title.end + HEAD_REACH : memo.start);
  for (const insertion of memo.insertions) {
    if (insertion.start > headEnd) break;
    const line = model.lines.lineText(model.lines.lineAt(insertion.start)).trim();
    const bracket = model.text.slice(insertion.start, insertion.end);
    const m = line === bracket ? KIND_IN_HEAD.exec(bracket) : null;
    if (m) return capitalize(m[1]);
  }
  return null;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/**
 * The phrase that names the document in a note: the title, with the kind of document in front of
 * an `A to B` title when the head names one and the title does not already say it.
 */
export function documentPhrase(model: MemoModel, memo: Memo): string | null {
  const title = citedTitle(memo.title?.text);
  if (!title) return null;
  const kind = documentKind(model, memo);
  if (!kind || KIND_WORD.test(title) || !/\sto\s/.test(title)) return title;
  // `The Ambassador … to …` reads `Telegram from the Ambassador … to …`.
  const from = /^The\s/.test(title) ? `the${title.slice(3)}` : title;
  return `${kind} from ${from}`;
}

/** Place and date from the memo's first dateline that has a date (`[Received …]` lines skipped). */
export function documentDate(model: MemoModel, memo: Memo): DocumentDate {
  for (let i = 0; i < memo.datelines.length; i++) {
    const line = memo.datelines[i].text;
    if (/^\[Received/i.test(line)) continue;
    const m = DATE_IN_LINE.exec(line);
    if (!m) continue;
    const date = m[1].replace(/(\d)(?:st|nd|rd|th)\b/, '$1');
    let place = cleanPlace(line.slice(0, m.index));
    // `Legation of the United States,` / `London, July 12, 1861.`: the place is on the date's line.
    if (!place && i > 0 && model.lines.lineAt(memo.datelines[i - 1].start) === model.lines.lineAt(memo.datelines[i].start) - 1) {
      place = cleanPlace(memo.datelines[i - 1].text);
    }
    return { date, place };
  }
  return { date: null, place: null };
}

function cleanPlace(text: string): string | null {
  let place = text.trim().replace(/[,\s]+$/, '').replace(/,\]$/, ']');
  if (place.startsWith('[') && !place.includes(']')) place += ']';
  // `[Washington,]` -> `[Washington]`, without a backtracking pattern over the inner text.
  if (/^\[[^\]]*\]$/.test(place)) {
    let inner = place.slice(1, -1).trimEnd();
    if (inner.endsWith(',')) inner = inner.slice(0, -1).trimEnd();
    place = `[${inner}]`;
  }
  return place && place !== '[]' ? place : null;
}
