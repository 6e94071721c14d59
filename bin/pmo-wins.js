#!/usr/bin/env node
// The `pmo-wins` command: runs the TypeScript sources through tsx's require hook.
require('tsx/cjs');
require('../src/cli/main.ts');
