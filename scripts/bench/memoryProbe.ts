/**
 * Heap growth of one open document, in a fresh process (`node --expose-gc memoryProbe.js MODE FILE`):
 * the text as the server receives it (JSON.parse of the didOpen message), then `memo` (the
 * server's document and its parse) or `markdown` (the peer's document and outline/folding).
 * Prints JSON: { bytes, text, total } (bytes: UTF-8 size; text, total: heap growth in bytes).
 */
import { readFileSync } from 'node:fs';
import { DocumentCache } from '../../server/src/service/documentCache';
import { memoDocuments } from '../../server/src/service/memoDocument';
import { markdownPeer } from './markdownPeer';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function heap(): number {
  // A regular expression keeps its last input alive (RegExp.lastMatch): point it elsewhere.
  /x/.exec('x');
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** The text as the server gets it from a didOpen message (in its own frame, so the message string dies). */
function receive(message: Buffer): string {
  return (JSON.parse(message.toString('utf8')) as { text: string }).text;
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  const message = readFileSync(file);
  const before = heap();
  const text = receive(message);
  const afterText = heap();
  const keep: unknown[] = [text];
  if (mode === 'memo') {
    const cache = new DocumentCache();
    const doc = memoDocuments(cache).create('file:///volume.memo', 'memo', 1, text);
    keep.push(doc, cache.get(doc));
  } else if (mode === 'markdown') {
    const peer = markdownPeer(text);
    if (!peer) {
      process.stdout.write(JSON.stringify(null));
      return;
    }
    keep.push(peer, await peer.run());
  }
  const after = heap();
  process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(text), text: afterText - before, total: after - before }));
  (globalThis as { keep?: unknown }).keep = keep;
}

void main();
