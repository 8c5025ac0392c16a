/**
 * Workspace-wide annotation work: finding every sidecar file under the workspace folders, and
 * exporting the annotations of some documents to Markdown or JSON-LD.
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnnotationListItem } from '../../common/protocol';
import { AnnotationDocuments } from './annotationDocuments';
import { SIDECAR_SUFFIX } from './annotationStore';
import { toJsonLd, toMarkdown, type ExportDocument } from './service/annotations/export';
import type { WebAnnotation } from './service/annotations/model';

/** Folders never searched for sidecars. */
const SKIP = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);
/** Bounds so a huge folder cannot stall the server. */
const MAX_FOLDERS = 20_000;
const MAX_DEPTH = 12;

/** Source paths of the sidecar files under `roots`. */
export async function findAnnotatedSources(roots: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  let folders = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || ++folders > MAX_FOLDERS) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) await walk(join(dir, e.name), depth + 1);
      } else if (e.isFile() && e.name.endsWith(SIDECAR_SUFFIX) && e.name.length > SIDECAR_SUFFIX.length) {
        found.push(join(dir, e.name.slice(0, -SIDECAR_SUFFIX.length)));
      }
    }
  };
  for (const root of roots) await walk(root, 0);
  return [...new Set(found)].sort();
}

/**
 * The annotated documents of the workspace with their list items: every sidecar under the
 * roots, plus open documents outside them. Open documents keep the URI the client uses.
 */
export async function collectWorkspace(
  state: AnnotationDocuments,
  roots: readonly string[],
  openUris: readonly string[],
): Promise<Array<{ uri: string; items: AnnotationListItem[]; readOnly?: string }>> {
  const byPath = new Map<string, string>();
  for (const path of await findAnnotatedSources(roots)) byPath.set(path, pathToFileURL(path).href);
  for (const uri of openUris) {
    const path = AnnotationDocuments.pathOf(uri);
    if (path) byPath.set(path, uri);
  }
  const out: Array<{ uri: string; items: AnnotationListItem[]; readOnly?: string }> = [];
  for (const [, uri] of [...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { items, readOnly } = await state.list(uri);
    if (items.length > 0 || readOnly) out.push({ uri, items, ...(readOnly ? { readOnly } : {}) });
  }
  return out;
}

/** Exports the annotations of `uris` in a format; `collectionId` names a JSON-LD collection. */
export async function exportDocuments(
  state: AnnotationDocuments,
  uris: readonly string[],
  roots: readonly string[],
  format: 'markdown' | 'jsonld',
  collectionId: string,
): Promise<{ content: string; count: number }> {
  const docs: ExportDocument[] = [];
  for (const uri of uris) {
    const { items } = await state.list(uri);
    const snap = await state.snapshot(uri);
    const path = AnnotationDocuments.pathOf(uri) ?? uri;
    const root = roots.find((r) => !relative(r, path).startsWith('..'));
    docs.push({
      name: root ? relative(root, path) : path,
      uri,
      title: snap?.model.memos[0]?.title?.text ?? null,
      items: items.map((i) => ({ annotation: i.annotation as WebAnnotation, status: i.status, page: i.page })),
    });
  }
  const count = docs.reduce((n, d) => n + d.items.length, 0);
  const label = docs.length === 1 ? `Annotations on ${docs[0].name}` : 'Annotations of the workspace';
  return { content: format === 'markdown' ? toMarkdown(docs) : toJsonLd(docs, collectionId, label), count };
}
