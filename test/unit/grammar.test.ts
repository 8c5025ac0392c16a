/**
 * The TextMate grammar `syntaxes/memo.tmLanguage.json` (scope `text.memo`):
 *  - the syntax tests in `test/grammar/*.memo` pass under the `vscode-tmgrammar-test` CLI (exit 0),
 *    every case file asserts scopes both present and absent, and the runner does fail on a broken
 *    grammar (so a green run means something);
 *  - every regex compiles, and none backtracks catastrophically on a 20k-character adversarial line;
 *  - on the real corpus the scopes land where the ground truth puts page markers, notes, the file
 *    number and footnote references.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import vm from 'node:vm';
import { corpusDocuments } from '../util/corpus';

const ROOT = join(__dirname, '..', '..');
const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'memo.tmLanguage.json');
const CASES_DIR = join(ROOT, 'test', 'grammar');
const CASES_GLOB = 'test/grammar/*.memo';

// vscode-textmate and vscode-oniguruma come with vscode-tmgrammar-test; resolve them from there so
// the test uses exactly the engine the CLI uses, wherever npm places them.
const RUNNER_PKG = require.resolve('vscode-tmgrammar-test/package.json');
const runnerRequire = createRequire(RUNNER_PKG);
const RUNNER_CLI = join(
  dirname(RUNNER_PKG),
  (JSON.parse(readFileSync(RUNNER_PKG, 'utf8')) as { bin: Record<string, string> }).bin['vscode-tmgrammar-test'],
);

// ---- the small part of the vscode-textmate / vscode-oniguruma APIs used here
interface OnigMatch { index: number; captureIndices: Array<{ start: number; end: number }> }
interface OnigScanner { findNextMatchSync(text: string, position: number): OnigMatch | null }
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => OnigScanner;
  OnigString: new (text: string) => unknown;
}
interface Token { startIndex: number; endIndex: number; scopes: string[] }
interface Grammar { tokenizeLine(line: string, state: unknown): { tokens: Token[]; ruleStack: unknown } }
interface TextMate {
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
  Registry: new (options: {
    onigLib: Promise<{ createOnigScanner(p: string[]): unknown; createOnigString(s: string): unknown }>;
    loadGrammar(scopeName: string): Promise<unknown>;
  }) => { loadGrammar(scopeName: string): Promise<Grammar | null> };
}
const onig = runnerRequire('vscode-oniguruma') as Oniguruma;
const textmate = runnerRequire('vscode-textmate') as TextMate;

let onigReady: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  if (!onigReady) {
    const wasm = readFileSync(join(dirname(runnerRequire.resolve('vscode-oniguruma')), 'onig.wasm'));
    onigReady = onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  return onigReady;
}

async function loadGrammar(): Promise<Grammar> {
  await loadOniguruma();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'text.memo' ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar('text.memo');
  assert.ok(grammar, 'grammar text.memo loads');
  return grammar;
}

function tokenize(grammar: Grammar, text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens;
  });
}

function runCli(args: string[]): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [RUNNER_CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const caseFiles = readdirSync(CASES_DIR).filter((f) => f.endsWith('.memo')).sort();

describe('grammar syntax tests (vscode-tmgrammar-test)', () => {
  test('every case in test/grammar passes', () => {
    assert.ok(caseFiles.length >= 10, `expected the grammar cases in ${CASES_DIR}`);
    const { status, output } = runCli(['--config', 'package.json', '--compact', CASES_GLOB]);
    assert.equal(status, 0, `vscode-tmgrammar-test failed:\n${output}`);
    for (const f of caseFiles) assert.match(output, new RegExp(`${f.replace('.', '\\.')} run successfuly`), f);
  });

  test('each case file asserts scopes both present and absent', () => {
    for (const f of caseFiles) {
      const lines = readFileSync(join(CASES_DIR, f), 'utf8').split('\n');
      assert.match(lines[0], /^\/\/ SYNTAX TEST "text\.memo"/, `${f}: header`);
      const assertions = lines.filter((l) => /^\/\/\s*(\^|<~*-)/.test(l));
      assert.ok(assertions.some((l) => /[\^-]\s+\w[\w.-]*/.test(l.replace(/ - .*$/, ''))), `${f}: a positive assertion`);
      assert.ok(assertions.some((l) => / - \w/.test(l)), `${f}: a negative assertion`);
    }
  });

  test('the runner fails on a broken grammar', () => {
    // Page markers and footnote references no longer match anything: the cases must catch it.
    const grammar = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as { repository: Record<string, { match?: string }> };
    grammar.repository['page-marker'].match = '(?!)x';
    grammar.repository['footnote-reference'].match = '(?!)x';
    const dir = mkdtempSync(join(tmpdir(), 'memo-grammar-'));
    try {
      writeFileSync(join(dir, 'broken.tmLanguage.json'), JSON.stringify(grammar));
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ contributes: { grammars: [{ language: 'memo', scopeName: 'text.memo', path: './broken.tmLanguage.json' }] } }),
      );
      const { status, output } = runCli(['--config', join(dir, 'package.json'), '--compact', CASES_GLOB]);
      assert.notEqual(status, 0, `a broken grammar passed:\n${output}`);
      assert.match(output, /page-marker\.memo/);
      assert.match(output, /footnote-reference\.memo/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Regex hygiene

interface Pattern { where: string; source: string }

function grammarPatterns(): Pattern[] {
  const out: Pattern[] = [];
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (['match', 'begin', 'end', 'while'].includes(k) && typeof v === 'string') out.push({ where: `${where}.${k}`, source: v });
        else walk(v, `${where}.${k}`);
      }
    }
  };
  walk(JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')), '$');
  return out;
}

/**
 * Oniguruma source -> JS RegExp (flag u), or null when it uses Oniguruma-only syntax. Handled:
 * a leading (?i), \A and \Z/\z (one line at a time, so ^ and $ without the m flag), \h.
 */
function toJsRegExp(source: string): RegExp | null {
  let flags = 'u';
  let s = source;
  if (s.startsWith('(?i)')) {
    flags += 'i';
    s = s.slice(4);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const n = s[i + 1];
      i++;
      if ('GKRXHOyY'.includes(n)) return null;
      if (!inClass && n === 'A') out += '^';
      else if (!inClass && (n === 'Z' || n === 'z')) out += '$';
      else if (n === 'h') out += inClass ? '0-9A-Fa-f' : '[0-9A-Fa-f]';
      else out += c + n;
      continue;
    }
    if (inClass) {
      if (c === '[') return null; // nested class / POSIX bracket
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(' && /^\(\?(?:>|~|[imx-]+[:)])/.test(s.slice(i))) return null; // atomic, absent, inline options
    else if ('*+?}'.includes(c) && s[i + 1] === '+') return null; // possessive
    out += c;
  }
  return new RegExp(out, flags); // throws on a pattern that does not compile
}

// A line of 20k characters is the longest VS Code tokenizes (editor.maxTokenizationLineLength).
const N = 20_000;
const fill = (unit: string, prefix = '', suffix = '!'): string =>
  prefix + unit.repeat(Math.ceil((N - prefix.length - suffix.length) / unit.length)).slice(0, N - prefix.length - suffix.length) + suffix;
const ADVERSARIAL: string[] = [
  ...['[', '1', '“', '”', '"', ' ', '‘’', '(', 'a', '.', ',', '\t'].map((u) => fill(u)),
  fill('[1“" ”]'),
  fill('[Page ', '', ''),
  fill('a1 '),
  fill('a.1'),
  fill('May 1,'),
  fill('May 12'),
  fill('(a)'),
  fill('1. '),
  fill('•'),
  fill(' ', '  1. '),
  fill(' ', '     '),
  fill('1', '795.00/'),
  fill('a ', 'S/P '),
  fill('x ', 'Washington, '),
  fill('secret ', ''),
  fill('“x', '', ''),
  fill('[x', '', ''),
];

/**
 * Why a time bound: JS has no step counter for RegExp, so catastrophic backtracking can only be
 * seen as time. A linear scan of 20k characters takes about a millisecond; an exponential or
 * quadratic pattern takes seconds to forever. 200 ms per call leaves two orders of magnitude for a
 * slow CI machine, and the vm timeout turns a runaway regex into a failure instead of a hang.
 */
const BOUND_MS = 200;
const sandbox = vm.createContext({});
const execScript = new vm.Script('re.exec(line)');
function jsRunsWithinBound(re: RegExp, line: string): boolean {
  sandbox.re = re;
  sandbox.line = line;
  try {
    execScript.runInContext(sandbox, { timeout: BOUND_MS });
    return true;
  } catch (e) {
    // thrown across the vm boundary, so test the code rather than instanceof
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return false;
    throw e;
  }
}
const onigScript = new vm.Script('scanner.findNextMatchSync(line, 0)');
function onigMillis(scanner: OnigScanner, line: string): number {
  sandbox.scanner = scanner;
  sandbox.line = line;
  const t = performance.now();
  try {
    onigScript.runInContext(sandbox, { timeout: 5 * BOUND_MS });
  } catch {
    return Infinity;
  }
  return performance.now() - t;
}

describe('grammar regexes', () => {
  const patterns = grammarPatterns();

  test('the guard itself catches a catastrophic pattern', () => {
    const re = toJsRegExp(String.raw`^(?:\d+)+x`);
    assert.ok(re);
    assert.equal(jsRunsWithinBound(re, fill('1', '', '!')), false);
  });

  test('every pattern translates to a JS RegExp that compiles', () => {
    assert.ok(patterns.length > 20, 'patterns found');
    for (const p of patterns) {
      let re: RegExp | null;
      try {
        re = toJsRegExp(p.source);
      } catch (e) {
        assert.fail(`${p.where} does not compile: ${(e as Error).message}\n${p.source}`);
      }
      assert.ok(re, `${p.where} uses Oniguruma-only syntax; keep the grammar portable so this guard covers it`);
    }
  });

  test('every pattern compiles in Oniguruma', async () => {
    await loadOniguruma();
    // vscode-oniguruma 1.7 does not throw on a bad pattern: it behaves as the empty regex and
    // matches nothing-long right at the search position. No pattern here may do that on this probe.
    const probe = '\u0001\u0001\u0001';
    for (const p of patterns) {
      const m = new onig.OnigScanner([p.source]).findNextMatchSync(probe, 1);
      assert.ok(!(m && m.captureIndices[0].start === 1 && m.captureIndices[0].end === 1), `${p.where} does not compile in Oniguruma\n${p.source}`);
    }
  });

  test('no pattern backtracks catastrophically on a 20k-character line (JS RegExp)', () => {
    for (const p of patterns) {
      const re = toJsRegExp(p.source);
      if (!re) continue;
      for (const line of ADVERSARIAL) {
        assert.ok(jsRunsWithinBound(re, line), `${p.where} exceeds ${BOUND_MS} ms on ${JSON.stringify(line.slice(0, 24))}…\n${p.source}`);
      }
    }
  });

  test('no pattern backtracks catastrophically on a 20k-character line (Oniguruma)', async () => {
    await loadOniguruma();
    for (const p of patterns) {
      const scanner = new onig.OnigScanner([p.source]);
      for (const line of ADVERSARIAL) {
        const ms = onigMillis(scanner, line);
        assert.ok(ms < BOUND_MS, `${p.where} took ${ms.toFixed(0)} ms on ${JSON.stringify(line.slice(0, 24))}…\n${p.source}`);
      }
    }
  });

  test('whole adversarial lines tokenize within a bound', async () => {
    // The tokenizer as VS Code runs it, all rules together. A line can legitimately hold 20k tokens
    // (a line of straight quotes), at some 20 µs each, so the bound here is 10× the per-regex one:
    // it only catches super-linear interplay between rules.
    const grammar = await loadGrammar();
    tokenize(grammar, 'Title\n\n  1. note'); // compile the rules outside the timing
    for (const line of ADVERSARIAL) {
      // as line 1 (the title rule), as a body line, and as a note
      for (const text of [line, `Title\n\n${line}`, `Title\n\n  1. ${line}`]) {
        const t = performance.now();
        tokenize(grammar, text);
        const ms = performance.now() - t;
        assert.ok(ms < 10 * BOUND_MS, `tokenizing took ${ms.toFixed(0)} ms on ${JSON.stringify(text.slice(0, 32))}…`);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The real documents

describe('grammar on the corpus', () => {
  test('scopes agree with the ground truth', async () => {
    const grammar = await loadGrammar();
    let refsTrue = 0;
    let refsFound = 0;
    const misses: string[] = [];
    for (const doc of corpusDocuments()) {
      const lines = doc.text.split('\n');
      const toks = tokenize(grammar, doc.text);
      const positions = (scope: string): string[] =>
        toks.flatMap((ts, line) => ts.filter((t) => t.scopes.includes(scope)).map((t) => `${line}:${t.startIndex}`));
      const truth = doc.truth;

      assert.deepEqual(
        positions('punctuation.definition.page-marker.begin.memo'),
        truth.pageMarkers.map((p) => `${p.line}:${p.character}`),
        `${doc.name}: page markers`,
      );
      assert.deepEqual(
        positions('constant.numeric.footnote-label.memo').map((p) => Number(p.split(':')[0])),
        truth.footnotes.map((n) => n.line),
        `${doc.name}: note lines`,
      );
      const fileNumberLine = toks[0].every((t) => t.scopes.includes('meta.file-number.memo'));
      assert.equal(fileNumberLine ? lines[0] : null, truth.fileNumber, `${doc.name}: file number`);
      assert.deepEqual(
        toks.flatMap((ts, line) => (ts.some((t) => t.scopes.includes('markup.heading.title.memo')) ? [line] : [])),
        truth.extra.titleLines.slice(0, 1),
        `${doc.name}: title line`,
      );

      // References: conservative by design, so no false positive at all, and a high recall.
      const found = positions('constant.numeric.footnote-reference.memo');
      const expected = new Set(truth.footnoteRefs.map((r) => `${r.line}:${r.character}`));
      for (const f of found) assert.ok(expected.has(f), `${doc.name}: not a reference at ${f}`);
      refsTrue += expected.size;
      refsFound += found.length;
      for (const e of expected) if (!found.includes(e)) misses.push(`${doc.name} ${e}`);
    }
    assert.ok(refsFound >= 0.9 * refsTrue, `references found ${refsFound}/${refsTrue}; missed:\n${misses.join('\n')}`);
  });
});
