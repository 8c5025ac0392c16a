#!/usr/bin/env node
// Runs the bundled memo language server. Pass --stdio (or --node-ipc / --socket=N) to choose the transport.
require('../dist/server.js');
