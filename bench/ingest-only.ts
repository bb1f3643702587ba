import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runIngestSuite } from './ingest-suite.js';

/** `npm run bench:ingest`: the ingest part of `npm run bench` alone (table + .bench/ingest.json). `--quick` for a smoke run. */
const quick = process.argv.includes('--quick');
const results = await runIngestSuite(quick, undefined, (s) => console.log(s));
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}ingest.json`, `${JSON.stringify({ date: new Date().toISOString(), quick, ...results }, null, 2)}\n`);
console.log(`\nresults written to ${outDir}ingest.json`);
