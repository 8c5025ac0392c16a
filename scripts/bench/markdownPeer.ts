/**
 * The peer: vscode-markdown-languageservice's outline and folding on the same text, with the
 * markdown-it parser VS Code gives it. markdown-it is not a dependency of this project; when it
 * cannot be loaded the peer figures are reported as not measured.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';

interface MarkdownIt {
  parse(text: string, env: object): unknown[];
}

/** What the bench uses of vscode-markdown-languageservice. */
interface MdLs {
  githubSlugifier: unknown;
  createLanguageService(init: object): {
    getDocumentSymbols(doc: unknown, options: object, token: unknown): Promise<unknown[]>;
    getFoldingRanges(doc: unknown, token: unknown): Promise<unknown[]>;
  };
}

/** The peer service and a document of `text`, or null when markdown-it is not installed. */
export function markdownPeer(text: string): { run(): Promise<unknown[]>; document: unknown } | null {
  let md: MarkdownIt;
  let mdls: MdLs;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownItCtor = require('markdown-it') as new (options: object) => MarkdownIt;
    md = new MarkdownItCtor({ html: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mdls = require('vscode-markdown-languageservice') as MdLs;
  } catch {
    return null;
  }
  const document = TextDocument.create('file:///volume.md', 'markdown', 1, text);
  const noEvent = () => ({ dispose() {} });
  const service = mdls.createLanguageService({
    workspace: {
      workspaceFolders: [],
      onDidChangeMarkdownDocument: noEvent,
      onDidCreateMarkdownDocument: noEvent,
      onDidDeleteMarkdownDocument: noEvent,
      getAllMarkdownDocuments: async () => [document],
      hasMarkdownDocument: () => true,
      openMarkdownDocument: async () => document,
      stat: async () => undefined,
      readDirectory: async () => [],
    } as never,
    parser: {
      slugifier: mdls.githubSlugifier,
      tokenize: async (doc: { getText(): string }) => md.parse(doc.getText(), {}) as never,
    },
    logger: { level: 0, log() {} } as never,
  });
  const token = new CancellationTokenSource().token;
  return {
    document,
    run: async () => [await service.getDocumentSymbols(document, { includeLinkDefinitions: false }, token), await service.getFoldingRanges(document, token)],
  };
}
