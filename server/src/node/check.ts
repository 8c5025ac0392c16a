/**
 * `memo-check`: runs the transcription checks of the language server over files and folders,
 * for a collection's CI.
 *
 *   memo-check [--format text|json|sarif] [--level CODE=LEVEL]… FILES/FOLDERS…
 *
 * Folders are searched (recursively) for *.txt and *.memo files. Text output is one line per
 * finding, `file:line:col: severity code message`; JSON gives the same with ranges and related
 * places; SARIF 2.1.0 feeds GitHub code scanning. Exit status: 0 clean (warnings allowed), 1 when
 * an error-severity finding was reported, 2 when some input could not be read or the command
 * line is wrong (the other files are still checked and reported).
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Result } from 'sarif';
import { parseMemo } from '../service/parser/parse';
import type { MemoModel, Span } from '../service/parser/model';
import {
  CODE_DESCRIPTIONS,
  DEFAULT_LEVELS,
  DIAGNOSTIC_CODES,
  checkMemo,
  isDiagnosticCode,
  isLevel,
  type DiagnosticSettings,
  type MemoDiagnostic,
  type Severity,
} from '../service/features/diagnostics';

const VERSION = '0.1.0';
const EXTENSIONS = /\.(?:txt|memo)$/i;
/** Folders never searched: version control, dependencies. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** From this many files on, a terminal gets a progress line. */
const PROGRESS_FROM = 20;

const USAGE = `Usage: memo-check [--format text|json|sarif] [--level CODE=LEVEL]... FILES/FOLDERS...

Checks transcribed memos (FRUS-style plain text) for footnote, page, numbering, doubled-word,
bracket and quotation problems. Folders are searched for *.txt and *.memo files.

  --format text    one line per finding: file:line:col: severity code message (default)
  --format json    findings with ranges and related places
  --format sarif   SARIF 2.1.0, for GitHub code scanning
  --level CODE=LEVEL
                   set a check's level: off, error, warning, information, hint
  -h, --help       this help
  --version        the version

Exit status: 0 no errors, 1 errors found, 2 unreadable input or bad arguments.

Checks (default level):
${DIAGNOSTIC_CODES.map((c) => `  ${c.padEnd(20)} ${DEFAULT_LEVELS[c].padEnd(12)}${CODE_DESCRIPTIONS[c]}`).join('\n')}
`;

type Format = 'text' | 'json' | 'sarif';

interface Options {
  format: Format;
  settings: DiagnosticSettings;
  inputs: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'text', settings: {}, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name: string) => {
      const eq = arg.indexOf('=');
      if (eq >= 0) return arg.slice(eq + 1);
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      return argv[++i];
    };
    if (arg === '--') {
      options.inputs.push(...argv.slice(i + 1));
      break;
    } else if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--version') return 'version';
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const format = value('--format');
      if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
      options.format = format;
    } else if (arg === '--level' || arg.startsWith('--level=')) {
      const setting = value('--level');
      const [code, level] = setting.split('=');
      if (!isDiagnosticCode(code)) throw new UsageError(`unknown check "${code}" in --level ${setting} (checks: ${DIAGNOSTIC_CODES.join(', ')})`);
      if (!isLevel(level)) throw new UsageError(`--level ${setting}: the level must be off, error, warning, information or hint`);
      options.settings[code] = level;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      options.inputs.push(arg);
    }
  }
  if (options.inputs.length === 0) throw new UsageError('no files or folders to check');
  return options;
}

/** A file that could not be checked, and why. */
interface Unreadable {
  path: string;
  message: string;
}

interface FileReport {
  path: string;
  model: MemoModel;
  diagnostics: MemoDiagnostic[];
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder';
    case 'ELOOP': return 'too many symbolic links';
    default: return e?.message ?? String(error);
  }
}

/** The files to check, in a stable order; unreadable inputs go to `unreadable`. */
function collectFiles(inputs: string[], unreadable: Unreadable[], warn: (message: string) => void): string[] {
  const files: string[] = [];
  const visited = new Set<string>();
  const walk = (dir: string, top: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      unreadable.push({ path: dir, message: `cannot read folder: ${reason(error)}` });
      return;
    }
    if (visited.has(real)) return; // a symbolic link back up the tree
    visited.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      unreadable.push({ path: dir, message: `cannot read folder: ${reason(error)}` });
      return;
    }
    const before = files.length;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const s = statSync(path);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch (error) {
          if (EXTENSIONS.test(entry.name)) unreadable.push({ path, message: `cannot read: ${reason(error)}` });
          continue;
        }
      }
      if (isDir && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(path, top);
      else if (isFile && EXTENSIONS.test(entry.name)) files.push(path);
    }
    if (dir === top && files.length === before) warn(`memo-check: no .txt or .memo files in ${dir}`);
  };
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch (error) {
      unreadable.push({ path: input, message: `cannot read: ${reason(error)}` });
      continue;
    }
    if (stat.isDirectory()) walk(input, input);
    else files.push(input); // named explicitly: checked whatever its extension
  }
  return files;
}

/** The text of a file, or why it cannot be checked. */
function readText(path: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { error: `cannot read: ${reason(error)}` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { error: 'not a text file (it holds NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'not UTF-8 text (convert it to UTF-8 to check it)' };
  }
  // Editors hide the byte-order mark; without it, columns match what the reader sees.
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function position(model: MemoModel, offset: number): { line: number; column: number } {
  const p = model.lines.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

function place(model: MemoModel, span: Span) {
  const start = position(model, span.start);
  const end = position(model, span.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function textLine(report: FileReport, d: MemoDiagnostic): string {
  const { line, column } = position(report.model, d.span.start);
  return `${report.path}:${line}:${column}: ${d.severity} ${d.code} ${d.message}`;
}

function jsonOutput(reports: FileReport[], unreadable: Unreadable[], counts: Record<Severity, number>): string {
  return JSON.stringify(
    {
      version: 1,
      files: reports.map((r) => ({
        path: r.path,
        diagnostics: r.diagnostics.map((d) => ({
          code: d.code,
          severity: d.severity,
          message: d.message,
          ...place(r.model, d.span),
          related: d.related.map((rel) => ({ ...place(r.model, rel.span), message: rel.message })),
        })),
      })),
      unreadable,
      summary: { files: reports.length, ...counts, unreadable: unreadable.length },
    },
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A path as SARIF wants it: relative to the working directory (the repository) when inside it. */
function artifactUri(path: string): { uri: string; uriBaseId?: string } {
  const rel = relative(process.cwd(), resolve(path));
  if (!rel.startsWith('..') && !isAbsolute(rel)) return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(resolve(path)).href };
}

function sarifOutput(reports: FileReport[], unreadable: Unreadable[], settings: DiagnosticSettings): string {
  const builder = new SarifBuilder();
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'memo-check', toolDriverVersion: VERSION });
  for (const code of DIAGNOSTIC_CODES) {
    const rule = new SarifRuleBuilder().initSimple({ ruleId: code, shortDescriptionText: CODE_DESCRIPTIONS[code] });
    const level = settings[code] ?? DEFAULT_LEVELS[code];
    rule.rule.defaultConfiguration = level === 'off' ? { enabled: false } : { level: SARIF_LEVEL[level] };
    run.addRule(rule);
  }
  for (const report of reports) {
    const artifact = artifactUri(report.path);
    for (const d of report.diagnostics) {
      const at = place(report.model, d.span);
      const result = new SarifResultBuilder().initSimple({
        level: SARIF_LEVEL[d.severity],
        messageText: d.message,
        ruleId: d.code,
        fileUri: artifact.uri,
        startLine: at.line,
        startColumn: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
      });
      if (artifact.uriBaseId) result.result.locations![0].physicalLocation!.artifactLocation!.uriBaseId = artifact.uriBaseId;
      if (d.related.length > 0) {
        result.result.relatedLocations = d.related.map((rel, id) => {
          const p = place(report.model, rel.span);
          return {
            id,
            message: { text: rel.message },
            physicalLocation: {
              artifactLocation: { ...artifact },
              region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
            },
          };
        });
      }
      run.addResult(result);
    }
  }
  run.run.columnKind = 'utf16CodeUnits';
  run.run.originalUriBaseIds = { SRCROOT: { uri: pathToFileURL(process.cwd() + sep).href } };
  run.run.invocations = [
    {
      executionSuccessful: unreadable.length === 0,
      toolExecutionNotifications: unreadable.map((u) => ({
        level: 'error' as const,
        message: { text: `${u.path}: ${u.message}` },
        locations: [{ physicalLocation: { artifactLocation: artifactUri(u.path) } }],
      })),
    },
  ];
  builder.addRun(run);
  return builder.buildSarifJsonString({ indent: true });
}

/** Runs the CLI; returns the exit status. */
function main(argv: string[], out: (s: string) => void, err: (s: string) => void, stderrIsTTY = false): number {
  let options: Options | 'help' | 'version';
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`memo-check: ${error.message}\nRun memo-check --help for the usage.\n`);
    return 2;
  }
  if (options === 'help') {
    out(USAGE);
    return 0;
  }
  if (options === 'version') {
    out(`memo-check ${VERSION}\n`);
    return 0;
  }
  const unreadable: Unreadable[] = [];
  const files = collectFiles(options.inputs, unreadable, (m) => err(`${m}\n`));
  for (const u of unreadable) err(`memo-check: ${u.path}: ${u.message}\n`);
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const reports: FileReport[] = [];
  let checkedCount = 0;
  const progress = stderrIsTTY && files.length >= PROGRESS_FROM;
  let lastProgress = 0;
  files.forEach((path, i) => {
    if (progress && (Date.now() - lastProgress > 100 || i === files.length - 1)) {
      lastProgress = Date.now();
      err(`\rmemo-check: ${i + 1}/${files.length} files\x1b[K`);
    }
    const read = readText(path);
    if ('error' in read) {
      unreadable.push({ path, message: read.error });
      if (progress) err('\r\x1b[K');
      err(`memo-check: ${path}: ${read.error}\n`);
      return;
    }
    const model = parseMemo(read.text);
    const diagnostics = checkMemo(model, options.settings);
    const report = { path, model, diagnostics };
    for (const d of diagnostics) counts[d.severity]++;
    if (options.format === 'text' && diagnostics.length > 0) {
      if (progress) err('\r\x1b[K');
      out(diagnostics.map((d) => textLine(report, d)).join('\n') + '\n');
    }
    checkedCount++;
    // JSON and SARIF are written at the end; text keeps nothing.
    if (options.format !== 'text') reports.push(report);
  });
  if (progress) err('\r\x1b[K');
  if (options.format === 'json') out(jsonOutput(reports, unreadable, counts) + '\n');
  else if (options.format === 'sarif') out(sarifOutput(reports, unreadable, options.settings) + '\n');
  else {
    const found = (Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'information' ? '' : 's'}`);
    err(`memo-check: ${checkedCount} file${checkedCount === 1 ? '' : 's'} checked, ${found.length > 0 ? found.join(', ') : 'no problems'}${unreadable.length > 0 ? `, ${unreadable.length} unreadable` : ''}\n`);
  }
  if (unreadable.length > 0 || files.length + unreadable.length === 0) {
    if (files.length + unreadable.length === 0) err('memo-check: nothing to check\n');
    return 2;
  }
  return counts.error > 0 ? 1 : 0;
}

// The entry point of the bundle (bin/memo-check.js requires it): run at once, as the server does.
// `memo-check … | head` closes the pipe early: stop quietly rather than crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(
  process.argv.slice(2),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
  process.stderr.isTTY === true,
);
