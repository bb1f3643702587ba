import { runPlayerBench } from './player-bench.js';
import { printTable } from './stats.js';

/** `npm run bench:player`: only the player part of `npm run bench` (first frame, seeks, memory on 5/60/240-minute sessions). */
const log = (s: string) => console.log(s);
const result = await runPlayerBench({ lengthsMinutes: [5, 60, 240], firstFrameRuns: 5, seeks: 30, heapMinutes: 60, playThroughLimitMs: 150_000 }, log);
printTable(`Player in Chromium, served locally (targets: first frame p50 <= ${result.targets.firstFrameMs} ms, seek p95 <= ${result.targets.seekP95Ms} ms)`, [
  ['session | chunks', 'first frame p50/max ms (player share p50) | seek p50/p95/max ms (n)'],
  ...result.sessions.map((s): [string, string] => [`${s.minutes} min | ${s.chunks}`,
    `${s.firstFrameMs.p50}/${s.firstFrameMs.max} (${s.playerFirstFrameMs.p50}) | ${s.seekMs.p50}/${s.seekMs.p95}/${s.seekMs.max} (${s.seekMs.n})`]),
  ['targets met', result.targets.met ? 'yes' : 'no'],
]);
