/**
 * The memo server without its feature modules (diagnostics, workspace index, annotations): the
 * bench runs it beside the full server to tell the core's cost of an edit from the modules'.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server';

if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
startServer(createConnection(ProposedFeatures.all), []);
