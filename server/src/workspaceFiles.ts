/**
 * The files of the research folder, for the workspace index: finds the memos (`*.memo`, and
 * `*.txt` files that look like memos) under the workspace folders, reads them in small batches
 * that yield to the event loop between them so requests are answered while a big folder is
 * indexed, and reads each folder's `.memo-source.json`. The only place of the workspace feature
 * that touches the file system.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { detectMemo } from '../../common/detectMemo';
import { METADATA_FILE, parseSourceMetadata, type SourceMetadata } from './service/metadata';

/** Files bigger than this are not memos (and would cost too much to parse in the background). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** A folder with more candidate files than this is indexed up to it (and says so). */
const MAX_FILES = 50_000;
const BATCH = 16;
const SKIP_DIRS = new Set(['node_modules', 'bower_components', '__pycache__']);

/** The form of a file URI the index uses, whatever percent-encoding the client chose. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** The file path of a file URI, or null for other schemes. */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** Whether a file name may hold a memo (the text decides for `.txt`). */
export function isCandidate(file: string): boolean {
  return /\.(?:memo|txt)$/i.test(file);
}

/** What the reader reports. */
export interface FileReaderHost {
  /** A memo file read from disk (its text), or `null` when it is gone or is not a memo. */
  onFile(uri: string, text: string | null): void;
  /** A problem worth telling the user (an unreadable metadata file, a folder too big). */
  warn(message: string): void;
  /** Progress of the background reading. */
  onProgress?(done: number, total: number): void;
  /** The queue ran empty. */
  onIdle?(): void;
}

interface MetadataEntry {
  metadata: SourceMetadata | null;
  problems: string[];
}

/** Reads memo files and metadata, in the background. */
export class WorkspaceFiles {
  private roots: string[] = [];
  private readonly queue = new Set<string>();
  private running = false;
  private done = 0;
  private total = 0;
  /** Metadata file per folder: its parse, or null when the folder has none. */
  private readonly metadataFiles = new Map<string, Promise<MetadataEntry | null>>();
  private readonly warned = new Set<string>();

  constructor(private readonly host: FileReaderHost) {}

  /** The workspace folders, as paths. */
  get folders(): readonly string[] {
    return this.roots;
  }

  /** Whether the queue still holds files to read. */
  get busy(): boolean {
    return this.running || this.queue.size > 0;
  }

  /** Adds a workspace folder and queues every memo-like file under it. */
  async addFolder(folder: string): Promise<void> {
    if (!this.roots.includes(folder)) this.roots.push(folder);
    const files: string[] = [];
    await this.walk(folder, files, 0);
    if (files.length >= MAX_FILES) this.host.warn(`${folder} holds more than ${MAX_FILES} text files; only the first ${MAX_FILES} are indexed.`);
    for (const file of files) this.enqueue(file);
  }

  /** Forgets a workspace folder (the caller removes its documents from the index). */
  removeFolder(folder: string): void {
    this.roots = this.roots.filter((r) => r !== folder);
    for (const file of [...this.queue]) if (isInside(file, folder)) this.queue.delete(file);
  }

  /** Queues a file to be (re)read. */
  enqueue(file: string): void {
    if (!this.queue.has(file)) {
      this.queue.add(file);
      this.total++;
    }
    void this.pump();
  }

  /** Forgets what was read of a folder's metadata file, after it changed. */
  invalidateMetadata(dir: string): void {
    this.metadataFiles.delete(dir);
  }

  private async walk(dir: string, out: string[], depth: number): Promise<void> {
    if (depth > 32 || out.length >= MAX_FILES) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable or vanished: nothing to index there
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (out.length >= MAX_FILES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
        await this.walk(full, out, depth + 1);
      } else if (entry.isFile() && isCandidate(entry.name)) {
        out.push(full);
      }
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.size > 0) {
        const batch = [...this.queue].slice(0, BATCH);
        for (const file of batch) this.queue.delete(file);
        for (const file of batch) {
          const text = await readMemo(file);
          this.host.onFile(pathToFileURL(file).href, text);
          this.done++;
        }
        this.host.onProgress?.(this.done, this.total);
        // Let waiting requests run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = false;
      this.done = 0;
      this.total = 0;
      this.host.onIdle?.();
    }
  }

  /** The metadata that applies to a file: the nearest `.memo-source.json` up to its workspace folder. */
  async metadataFor(file: string): Promise<SourceMetadata | null> {
    const root = this.roots.filter((r) => isInside(file, r)).sort((a, b) => b.length - a.length)[0];
    let dir = path.dirname(file);
    for (;;) {
      const entry = await this.readMetadata(dir);
      if (entry) return entry.metadata;
      if (!root || dir === root || !isInside(dir, root)) return null;
      const parent = path.dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  }

  private readMetadata(dir: string): Promise<MetadataEntry | null> {
    let pending = this.metadataFiles.get(dir);
    if (!pending) {
      const file = path.join(dir, METADATA_FILE);
      pending = fs.readFile(file, 'utf8').then(
        (text) => {
          const parsed = parseSourceMetadata(text);
          const key = `${file}\n${text}`;
          if (parsed.problems.length > 0 && !this.warned.has(key)) {
            this.warned.add(key);
            this.host.warn(`${file}: ${parsed.problems.join(' ')}`);
          }
          return parsed;
        },
        () => null,
      );
      this.metadataFiles.set(dir, pending);
    }
    return pending;
  }
}

/** Whether `file` lies inside `folder` (or is it). */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A file's text (for a request about a memo that is not open). */
export function readText(file: string): Promise<string> {
  return fs.readFile(file, 'utf8');
}

/** A memo file's text, or null when it is gone, too big, or a `.txt` that does not look like a memo. */
async function readMemo(file: string): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return null;
    const text = await fs.readFile(file, 'utf8');
    if (/\.txt$/i.test(file) && !detectMemo(text).memo) return null;
    return text;
  } catch {
    return null;
  }
}
