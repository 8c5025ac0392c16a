/** Starts the BUILT memo-language-server over stdio and speaks LSP to it, for protocol tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeParams,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER_BIN = join(__dirname, '..', '..', 'bin', 'memo-language-server.js');

export interface TestServer {
  connection: ProtocolConnection;
  process: ChildProcess;
  stderr(): string;
  open(uri: string, text: string, version?: number): Promise<void>;
  /** Shuts the server down as a client would, and waits for the process to exit. */
  stop(): Promise<number | null>;
}

export async function startServer(init: Partial<InitializeParams> = {}): Promise<TestServer> {
  const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: null,
    ...init,
  } as InitializeParams);
  await connection.sendNotification(InitializedNotification.type, {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    connection,
    process: child,
    stderr: () => stderr,
    open: (uri, text, version = 1) =>
      connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'memo', version, text },
      }),
    stop: async () => {
      if (child.exitCode === null) {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      }
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
