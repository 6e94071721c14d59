#!/usr/bin/env node
// The `pmo-wins` command, compiled to JavaScript by `npm run build:cli` (npm run build does it too).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'cli', 'pmo-wins.cjs');
if (!existsSync(compiled)) {
  console.error('pmo-wins is not built yet: run `npm run build:cli` (or `npm run build`).');
  process.exit(1);
}
require(compiled);
