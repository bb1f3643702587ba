#!/usr/bin/env node
// Runs node's test runner over the given folders' *.test.ts files (Node 20's --test has
// no glob support). Usage: node scripts/run-tests.mjs <dir> [<dir> ...]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const skip = new Set(['node_modules', 'dist', 'data']);
function find(dir, out) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = process.argv.slice(2).flatMap((d) => find(d, [])).sort();
if (files.length === 0) {
  console.error(`no *.test.ts files under ${process.argv.slice(2).join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
