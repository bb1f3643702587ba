import type { SearchBenchResult } from './search-bench.js';
import { printTable } from './stats.js';

export function printSearchBench(r: SearchBenchResult): void {
  printTable(`Search over ${r.sessions} sessions (${r.indexRows} indexed moments, written in ${r.writeSeconds} s), chDB, one request each (rows + total + reasons); target p95 < 500 ms`, [
    ['filter', 'p50 ms | p95 ms | sessions matched'],
    ...r.search.map((s): [string, string] => [s.kind, `${s.p50} | ${s.p95} | ${s.matched}`]),
    ['target met', r.targetMet ? 'yes' : 'no'],
  ]);
  printTable('Page map aggregation (clicks, scroll reach, top elements, snapshot page view)', [
    ['page', 'p50 ms | p95 ms | sessions that viewed it'],
    ...r.maps.map((m): [string, string] => [m.kind, `${m.p50} | ${m.p95} | ${m.matched}`]),
  ]);
}
