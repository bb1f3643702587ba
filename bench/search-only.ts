import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSearchBench } from './search-table.js';
import { runSearchBench } from './search-bench.js';

/**
 * `npm run bench:search`: search and page maps over 100 000 generated sessions indexed in
 * chDB (table + .bench/search.json). `--quick` indexes 10 000. `--keep DIR` keeps the generated
 * store in DIR and, run again, measures it without generating anew.
 */
const quick = process.argv.includes('--quick');
const keepAt = process.argv.indexOf('--keep');
const keepDir = keepAt > 0 ? process.argv[keepAt + 1] : undefined;
const result = await runSearchBench({ ...(quick ? { sessions: 10_000, runs: 10 } : { sessions: 100_000, runs: 30 }), ...(keepDir ? { keepDir } : {}) }, (s) => console.log(s));
printSearchBench(result);
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}search.json`, `${JSON.stringify({ date: new Date().toISOString(), quick, ...result }, null, 2)}\n`);
console.log(`\nresults written to ${outDir}search.json`);
