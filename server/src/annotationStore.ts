/**
 * The sidecar files on disk: `<source>.annotations.json` beside each annotated source.
 * - Reads tell a missing file from one that does not parse; a file that does not parse is
 *   never written over (the caller reports it and treats the document as read-only).
 * - Writes are atomic: a temporary file in the same folder, fsync, rename over the old one,
 *   fsync of the folder. A reader sees the old file or the new one, never half of one.
 * - Every change re-reads the file under a lock file and applies itself to what is on disk,
 *   by annotation id, so two windows (two servers) never lose each other's notes.
 * - Folders of loaded sidecars are watched, so a write by another window or a `git pull` is
 *   reloaded.
 */
import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { lstat, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { parseAnnotationFile, serializeAnnotationFile, type AnnotationFile } from './service/annotations/serialize';

/** The sidecar path of a source file. */
export function sidecarPath(sourcePath: string): string {
  return `${sourcePath}.annotations.json`;
}

export const SIDECAR_SUFFIX = '.annotations.json';

export type SidecarRead =
  | { kind: 'missing' }
  | { kind: 'ok'; file: AnnotationFile; text: string }
  /** Present but not usable (does not parse, or cannot be read): never overwrite it. */
  | { kind: 'corrupt'; error: string; text: string | null };

/** A failure the user must hear about, in words. */
export class StoreError extends Error {
  constructor(message: string, readonly kind: 'corrupt' | 'io' | 'locked') {
    super(message);
  }
}

/** How long a writer waits for another to finish before giving up. */
const LOCK_WAIT_MS = 10_000;
/** A lock older than this is left over from a crash (writes take milliseconds). */
const LOCK_STALE_MS = 30_000;

/**
 * Why a sidecar that is a symbolic link may not be used, or null when it is not a link or the
 * link stays in the source's folder. A shared document could come with a link to any file the
 * user can read or write; we neither show that file as notes nor write notes through the link.
 */
async function linkOutsideFolder(path: string): Promise<string | null> {
  const info = await lstat(path).catch(() => null);
  if (!info?.isSymbolicLink()) return null;
  const target = await realpath(path).catch(() => null);
  if (target === null) return null; // dangling: a write replaces the link itself, nothing outside
  const folder = await realpath(dirname(path)).catch(() => dirname(path));
  const rel = relative(folder, target);
  return rel.startsWith('..') || isAbsolute(rel) ? `is a link to ${target}, outside its folder: it is not followed` : null;
}

/** Reads and parses a sidecar file. */
export async function readSidecar(path: string): Promise<SidecarRead> {
  const link = await linkOutsideFolder(path);
  if (link) return { kind: 'corrupt', error: link, text: null };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'corrupt', error: `cannot be read: ${explainFsError(e)}`, text: null };
  }
  const parsed = parseAnnotationFile(text);
  return parsed.ok ? { kind: 'ok', file: parsed.file, text } : { kind: 'corrupt', error: parsed.error, text };
}

/**
 * Changes a sidecar file: under its lock, reads what is on disk now, lets `change` edit it
 * (`null` when there is no file yet), and writes the result atomically. A file that does not
 * parse is left untouched and a StoreError of kind `corrupt` is thrown. Returns the file as
 * written (or as it was, when `change` returns the same text).
 */
export async function updateSidecar(
  path: string,
  change: (current: AnnotationFile | null) => AnnotationFile,
): Promise<{ file: AnnotationFile; text: string }> {
  return withLock(path, async () => {
    const current = await readSidecar(path);
    if (current.kind === 'corrupt') {
      throw new StoreError(`${path} ${current.text === null ? current.error : `does not parse: ${current.error}`}. It is left as it is; fix it to change annotations again.`, 'corrupt');
    }
    const next = change(current.kind === 'ok' ? current.file : null);
    const text = serializeAnnotationFile(next);
    if (current.kind === 'ok' && current.text === text) return { file: next, text };
    try {
      await writeFileAtomic(path, text);
    } catch (e) {
      throw new StoreError(`Could not save annotations to ${path}: ${explainFsError(e)}.`, 'io');
    }
    return { file: next, text };
  });
}

/** Writes `text` to `path` atomically: temporary file in the same folder, fsync, rename, fsync of the folder. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Keep the old file's permissions.
  const mode = await stat(path).then((s) => s.mode & 0o777, () => 0o644);
  const handle = await open(tmp, 'wx', mode);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  // The rename itself is durable once the folder is synced; not every platform allows it.
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // best effort (Windows cannot open a folder for sync)
  }
}

/** Runs `fn` holding `<dir>/.<name>.lock`, created exclusively; a lock left by a dead process is taken over. */
async function withLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = join(dirname(path), `.${basename(path)}.lock`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${process.pid}\n`).finally(() => handle.close());
      break;
    } catch (e) {
      if (errorCode(e) !== 'EEXIST') throw new StoreError(`Could not save annotations to ${path}: ${explainFsError(e)}.`, 'io');
      if (await isStale(lock)) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) {
        throw new StoreError(`Could not save annotations to ${path}: another window is still writing it (lock file ${lock}).`, 'locked');
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]);
    if (Date.now() - info.mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number(text.trim());
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - info.mtimeMs > 1000; // being written, or garbage
    try {
      process.kill(pid, 0);
      return false;
    } catch (e) {
      return errorCode(e) === 'ESRCH';
    }
  } catch {
    return false; // gone already: the next attempt will tell
  }
}

/** A file-system error in words a reader understands, with its code. */
export function explainFsError(e: unknown): string {
  const code = errorCode(e);
  const words: Record<string, string> = {
    EACCES: 'permission denied (the folder or file is read-only for you)',
    EPERM: 'the operation is not permitted (the folder or file is read-only for you)',
    EROFS: 'the disk is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'your disk quota is used up',
    ENOENT: 'the folder does not exist',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'a folder has that name',
    EBUSY: 'the file is in use',
  };
  const text = code && words[code] ? words[code] : e instanceof Error ? e.message : String(e);
  return code ? `${text} [${code}]` : text;
}

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/**
 * Watches sidecar files for changes made by others (another window, git). One watcher per
 * folder; callbacks are debounced per file. The watchers do not keep the process alive.
 */
export class SidecarWatcher {
  private readonly folders = new Map<string, { watcher: FSWatcher; files: Map<string, () => void>; timers: Map<string, NodeJS.Timeout> }>();

  constructor(private readonly debounceMs = 50) {}

  /** Calls `onChange` when `path` may have changed; watching the same path again replaces the callback. */
  watch(path: string, onChange: () => void): void {
    const dir = dirname(path);
    const name = basename(path);
    let folder = this.folders.get(dir);
    if (!folder) {
      let watcher: FSWatcher;
      try {
        // The folder, not the file: an atomic write replaces the file (a new inode).
        watcher = watch(dir, { persistent: false });
      } catch {
        return; // no watching possible (folder gone, no inotify left): changes are seen on the next open
      }
      const created = { watcher, files: new Map<string, () => void>(), timers: new Map<string, NodeJS.Timeout>() };
      watcher.on('change', (_event, filename) => {
        const changed = filename ? String(filename) : null;
        for (const [file, callback] of created.files) {
          if (changed !== null && changed !== file) continue;
          clearTimeout(created.timers.get(file));
          created.timers.set(file, setTimeout(callback, this.debounceMs));
        }
      });
      watcher.on('error', () => {
        watcher.close();
        this.folders.delete(dir);
      });
      this.folders.set(dir, created);
      folder = created;
    }
    folder.files.set(name, onChange);
  }

  dispose(): void {
    for (const folder of this.folders.values()) {
      for (const t of folder.timers.values()) clearTimeout(t);
      folder.watcher.close();
    }
    this.folders.clear();
  }
}
