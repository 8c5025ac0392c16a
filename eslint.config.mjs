// @ts-check
/**
 * `npm run lint`: TypeScript checks, no catastrophic regular expressions (eslint-plugin-regexp:
 * the rules that find super-linear backtracking are errors, its style advice is a warning), and
 * the pure memo service kept free of the editor, the connection and the file system.
 */
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/** Rules that find regular expressions whose running time can explode on hostile text. */
const REGEXP_SAFETY = {
  'regexp/no-super-linear-backtracking': 'error',
  'regexp/no-dupe-disjunctions': ['error', { report: 'interesting' }],
  'regexp/no-misleading-capturing-group': 'error',
  'regexp/no-empty-alternative': 'error',
  'regexp/no-useless-assertions': 'error',
  'regexp/no-contradiction-with-assertion': 'error',
  'regexp/no-invalid-regexp': 'error',
};

/** eslint-plugin-regexp's other recommended rules are advice on style: warnings. */
const regexpAdvice = Object.fromEntries(
  Object.entries(regexp.configs['flat/recommended'].rules ?? {})
    .filter(([name, level]) => !(name in REGEXP_SAFETY) && level !== 'off')
    .map(([name]) => [name, 'warn']),
);

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e-artifacts/**', '.vscode-test/**', 'scratch/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { regexp },
    rules: {
      ...regexpAdvice,
      ...REGEXP_SAFETY,
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-useless-escape': 'warn',
      // A quantifier that a failing search retries from every position: quadratic on hostile
      // text. An error where patterns run over whole documents (the parser, memo detection),
      // advice elsewhere (patterns applied to one short line or name).
      'regexp/no-super-linear-move': 'warn',
    },
  },
  {
    files: ['server/src/service/parser/**/*.ts', 'common/**/*.ts'],
    rules: { 'regexp/no-super-linear-move': 'error' },
  },
  {
    // The memo service is pure: features are functions of the text, testable without an editor.
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The memo service must not depend on the editor: pass data in from the client or the adapter.' },
            { name: 'vscode-languageserver', message: 'The memo service must not see the connection: register handlers in server/src (the adapter).' },
            { name: 'node:fs', message: 'The memo service reads no files: the adapter (server/src) does.' },
            { name: 'fs', message: 'The memo service reads no files: the adapter (server/src) does.' },
          ],
          patterns: [{ group: ['vscode-languageserver/*'], message: 'The memo service must not see the connection.' }],
        },
      ],
    },
  },
);
