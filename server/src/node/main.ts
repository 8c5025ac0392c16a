/** Entry point of the bundled server: the only file that knows the transport. */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { featureModules } from '../features';
import { startServer } from '../server';

if (process.argv.includes('--version')) {
  process.stdout.write('memo-language-server 0.1.0\n');
  process.exit(0);
}
// Editors that start the command bare get stdio, the transport every LSP client speaks.
if (!process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) process.argv.push('--stdio');
// createConnection reads --stdio, --node-ipc or --socket=N from the command line.
startServer(createConnection(ProposedFeatures.all), featureModules);
