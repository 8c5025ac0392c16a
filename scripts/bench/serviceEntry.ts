/**
 * What the bench measures in process, bundled by esbuild exactly as dist/server.js bundles it
 * (tsx would route every cross-module call through an export getter and slow the hot loops).
 */
export { parseMemo, parseState } from '../../server/src/service/parser/parse';
export { reparse } from '../../server/src/service/parser/incremental';
export { LineIndex } from '../../server/src/service/parser/lineIndex';
export { PieceText } from '../../server/src/service/parser/pieceText';
export { DocumentCache } from '../../server/src/service/documentCache';
export { memoDocuments, MemoTextDocument } from '../../server/src/service/memoDocument';
export { createMemoService } from '../../server/src/service';
export { checkMemo } from '../../server/src/service/features/diagnostics';
export { floorScan } from './floor';
