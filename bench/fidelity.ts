import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatFidelityTable } from '../e2e/support/fidelity/report.js';
import { runFidelitySuite } from '../e2e/support/fidelity/suite.js';

/**
 * `npm run bench:fidelity`: the fidelity suite of `npm test` (e2e/fidelity-suite.test.ts) as
 * a report: the pixel difference of every checkpoint with the site up and with it gone, seek
 * state against play-through state, and what captured assets cost. Screenshots and diffs go
 * to test-results/fidelity/, the JSON to .bench/fidelity.json.
 */
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));
const shots = fileURLToPath(new URL('../test-results/fidelity/', import.meta.url));
const report = await runFidelitySuite(shots, (line) => console.log(line));
console.log(`\nReplay fidelity: ${report.pages.length} pages, live vs replayed in the dashboard player at scale 1 (a checkpoint passes at <= 1% differing pixels)\n`);
console.log(formatFidelityTable(report));
mkdirSync(outDir, { recursive: true });
const { scenarios, ...rest } = report;
writeFileSync(`${outDir}fidelity.json`, JSON.stringify({
  date: new Date().toISOString(),
  ...rest,
  scenarios: scenarios.map((s) => ({ ...s, checkpoints: s.checkpoints.map(({ domState: _dom, ...c }) => c) })),
}, null, 2));
console.log(`\nwritten ${outDir}fidelity.json`);
