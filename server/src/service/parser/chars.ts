/**
 * Character classes of the parser as code-unit tests, for the hot loops: each mirrors a class of
 * a pattern in patterns.ts exactly (the tests in test/unit/parserScan.test.ts hold them together).
 */

/** JavaScript's `\s` (and what `String.prototype.trim` removes). */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `\w` without the `u` flag (what `\b` looks at). */
export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

const LETTER = /^\p{L}$/u;
const letterCache = new Map<number, boolean>();

/** Whether a code point is a letter (`\p{L}`); ASCII answered directly, the rest cached. */
export function isLetter(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  let known = letterCache.get(cp);
  if (known === undefined) {
    known = LETTER.test(String.fromCodePoint(cp));
    if (letterCache.size < 4096) letterCache.set(cp, known);
  }
  return known;
}

/** A footnote-reference label symbol: `[*†‡§¶]`. */
export function isRefSymbol(c: number): boolean {
  return c === 42 || c === 0x2020 || c === 0x2021 || c === 0xa7 || c === 0xb6;
}

/** Punctuation a reference may be glued to: `[.,;:!?)\]”’"'…]` (letters are tested apart). */
export function isGluePunct(c: number): boolean {
  switch (c) {
    case 46: // .
    case 44: // ,
    case 59: // ;
    case 58: // :
    case 33: // !
    case 63: // ?
    case 41: // )
    case 93: // ]
    case 0x201d: // ”
    case 0x2019: // ’
    case 34: // "
    case 39: // '
    case 0x2026: // …
      return true;
    default:
      return false;
  }
}

/** What may follow a glued reference: `[\s.,;:!?)\]”’"'—–…-]`. */
export function isRefFollower(c: number): boolean {
  switch (c) {
    case 46:
    case 44:
    case 59:
    case 58:
    case 33:
    case 63:
    case 41:
    case 93:
    case 0x201d:
    case 0x2019:
    case 34:
    case 39:
    case 0x2014: // —
    case 0x2013: // –
    case 0x2026:
    case 45: // -
      return true;
    default:
      return isSpace(c);
  }
}

/** What may follow a date's glued reference: `[\s.,;:)\]”’—–]`. */
export function isDateFollower(c: number): boolean {
  switch (c) {
    case 46:
    case 44:
    case 59:
    case 58:
    case 41:
    case 93:
    case 0x201d:
    case 0x2019:
    case 0x2014:
    case 0x2013:
      return true;
    default:
      return isSpace(c);
  }
}
