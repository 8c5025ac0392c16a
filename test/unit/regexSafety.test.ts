/**
 * No catastrophic regular expressions in the parser (server/src/service/parser) and in common/:
 * every pattern there — the exports of patterns.ts and every literal in those files — is
 *   1. checked statically by eslint-plugin-regexp's super-linear rules (a count of findings: 0);
 *   2. fed adversarial inputs (runs of each character the pattern mentions, repeated literal
 *      fragments of it with a rejecting end, seeded random mixes; 100,000 characters each), every
 *      call within a generous bound: a linear pattern takes about a millisecond here, a quadratic
 *      one seconds.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import * as patterns from '../../server/src/service/parser/patterns';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['server/src/service/parser', 'common'];
const FILES = FOLDERS.flatMap((folder) => readdirSync(join(ROOT, folder)).filter((f) => f.endsWith('.ts')).map((f) => join(folder, f)));
/** Characters per adversarial input. */
const N = 100_000;
/**
 * A generous bound per call: a linear pattern needs about a millisecond for N characters, while
 * a quadratic one (`/\s+$/` on spaces: 9 ms for 5,000 here) needs seconds.
 */
const BOUND_MS = 2000;

/** Every regular expression literal of a TypeScript file. */
function literals(file: string): Array<{ where: string; re: RegExp }> {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: Array<{ where: string; re: RegExp }> = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source);
      const slash = text.lastIndexOf('/');
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      out.push({ where: `${file}:${line}`, re: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function allPatterns(): Array<{ where: string; re: RegExp }> {
  const exported = Object.entries(patterns)
    .filter(([, value]) => value instanceof RegExp)
    .map(([name, re]) => ({ where: `patterns.ts ${name}`, re: re as RegExp }));
  return [...exported, ...FILES.flatMap(literals)];
}

/** A seeded generator (mulberry32), so the random mixes are the same on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hostile inputs for a pattern, built from what its source mentions. */
function attacks(re: RegExp): string[] {
  const source = re.source.replace(/\\u\{?([0-9a-fA-F]{4,6})\}?/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
  const chars = new Set<string>([' ', '\n', '\r', '\t', '\u00a0', 'a', 'A', '1', '0', '.', ',', '[', ']', '(', ')', '"', '“', '”']);
  for (const c of source.replace(/\\[dswbDSWB]/g, '')) if (!'\\^$|?*+{}'.includes(c)) chars.add(c);
  const fragments = new Set<string>();
  for (const f of source.split(/[\\^$.|?*+()[\]{}]+/)) if (f.length >= 2) fragments.add(f);
  const out: string[] = [];
  for (const c of chars) out.push(c.repeat(N), c.repeat(N) + '\u0000');
  // A character of the pattern, then a long run of a common one, then a rejecting end: what
  // makes a pattern with two quantifiers over the same characters retry every split.
  for (const c of chars) for (const run of [' ', 'a', '1', ',', '.', '-']) out.push(c + run.repeat(N) + '\u0000');
  for (const f of fragments) {
    const unit = f + ' ';
    out.push(unit.repeat(Math.ceil(N / unit.length)) + '!', f.repeat(Math.ceil(N / f.length)) + '\u0000');
  }
  const pool = [...chars, ...fragments];
  const next = random(source.length);
  for (let k = 0; k < 3; k++) {
    let s = '';
    while (s.length < N) s += pool[Math.floor(next() * pool.length)];
    out.push(s);
  }
  return out;
}

/**
 * Runs a pattern over a whole input the way the code does: every match of a global one; a sticky
 * one tried at every position (jumping over its matches); otherwise one test.
 */
function exercise(re: RegExp, input: string): number {
  const copy = new RegExp(re.source, re.flags);
  let count = 0;
  if (copy.sticky) {
    for (let i = 0; i <= input.length; i++) {
      copy.lastIndex = i;
      if (copy.exec(input) !== null) {
        count++;
        i = Math.max(i, copy.lastIndex - 1);
      }
    }
    return count;
  }
  if (!copy.global) return copy.test(input) ? 1 : 0;
  copy.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = copy.exec(input)) !== null) {
    count++;
    if (m[0].length === 0) copy.lastIndex++;
  }
  return count;
}

describe('regular expression safety', () => {
  test('eslint-plugin-regexp finds no super-linear pattern in the parser and common/', async () => {
    // The plugin is an ES module.
    const regexpPlugin = (await import('eslint-plugin-regexp')).default;
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          plugins: { regexp: regexpPlugin },
          rules: {
            'regexp/no-super-linear-backtracking': 'error',
            'regexp/no-super-linear-move': 'error',
            'regexp/no-misleading-capturing-group': 'error',
          },
        },
      ],
    });
    const results = await eslint.lintFiles(FILES);
    const findings = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line} ${m.ruleId}: ${m.message}`));
    assert.ok(results.length >= FILES.length, 'every file was linted');
    assert.deepEqual(findings, []);
  });

  test('every pattern stays fast on adversarial input', () => {
    const list = allPatterns();
    assert.ok(list.length > 30, `found ${list.length} patterns`);
    const slow: string[] = [];
    for (const { where, re } of list) {
      for (const input of attacks(re)) {
        const t0 = performance.now();
        exercise(re, input);
        const ms = performance.now() - t0;
        if (ms > BOUND_MS) slow.push(`${where} /${re.source.slice(0, 60)}/ took ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 20))}…`);
      }
    }
    assert.deepEqual(slow, []);
  });
});
