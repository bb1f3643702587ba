import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EventType, type RrwebEvent } from '@gosight/shared';
import { buildChunkRow } from '../packages/server/src/processor/build-chunk-row.js';
import { EventTexts } from '../packages/server/src/processor/event-texts.js';
import { SessionState } from '../packages/server/src/processor/session-state.js';
import type { Recording } from './recordings/record-apps.js';
import { printTable, round } from './stats.js';

/**
 * `npm run bench:chunk-writes`: the processor's CPU for making chunk rows (segment gzip,
 * stats, derived events, click targets, search index rows) when the open chunk is written
 * after every batch, as it is in service, on the recorded app sessions (`npm run
 * bench:ingest` makes them). No store and no queue: what a write costs to build.
 *
 * Each recording is played `minutes` long by repeating its batches later in time, in two ways:
 * - as the SDK sends them: its checkouts (a full snapshot every minute or 200 events) cut chunks;
 * - as one open chunk: later full snapshots left out, as from a recorder with checkouts off.
 * The second is where a write that re-read the whole chunk would grow with the chunk's age.
 */
const file = fileURLToPath(new URL('../.bench/recordings.json', import.meta.url));
if (!existsSync(file)) throw new Error('no recordings yet: run npm run bench:ingest first');
const { recordings } = JSON.parse(readFileSync(file, 'utf8')) as { recordings: Recording[] };
const minutesAt = process.argv.indexOf('--minutes');
const minutes = minutesAt > 0 ? Number(process.argv[minutesAt + 1]) : 5;
if (!(minutes > 0)) throw new Error('--minutes takes a number of minutes above 0');

interface Run {
  writes: number;
  chunks: number;
  events: number;
  rawMB: number;
  cpuSeconds: number;
  /** Median CPU ms of the writes in the first and in the last minute of the sessions. */
  firstMinuteMs: number;
  lastMinuteMs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function run(oneChunk: boolean): Promise<Run> {
  let segmentId = 0;
  const out: Run = { writes: 0, chunks: 0, events: 0, rawMB: 0, cpuSeconds: 0, firstMinuteMs: 0, lastMinuteMs: 0 };
  const first: number[] = [];
  const last: number[] = [];
  for (const { batches } of recordings) {
    const session = new SessionState('bench', `bench-${out.chunks}`, []);
    const start = batches[0].events[0].timestamp;
    const span = batches[batches.length - 1].events.at(-1)!.timestamp - start + 1_000;
    const laps = Math.max(1, Math.round((minutes * 60_000) / span));
    let seq = 0;
    let snapshots = 0;
    for (let lap = 0; lap < laps; lap++) {
      for (const batch of batches) {
        const events: RrwebEvent[] = [];
        for (const e of batch.events) {
          if (oneChunk && e.type === EventType.FullSnapshot && ++snapshots > 1) continue;
          events.push({ ...e, timestamp: e.timestamp + lap * span });
        }
        if (events.length === 0) continue;
        const json = JSON.stringify(events);
        out.events += events.length;
        out.rawMB += json.length / 1e6;
        const before = process.cpuUsage();
        session.applyBatch({ partition: 0, offset: seq, firstOffset: seq, key: session.sessionId, value: Buffer.alloc(0) }, seq++, JSON.parse(json) as RrwebEvent[], json.length, 0, '');
        for (const chunk of session.dueChunks(0, 0, true)) {
          const row = await buildChunkRow(session, chunk, 6, out.writes + 1, (above) => (segmentId = Math.max(segmentId, above) + 1), new EventTexts());
          const { newSegments: _s, derivedEvents: _d, activity: _a, indexChange: _i, ...state } = row;
          session.markWritten(chunk, state);
          out.writes++;
        }
        const used = process.cpuUsage(before);
        const ms = (used.user + used.system) / 1_000;
        out.cpuSeconds += ms / 1_000;
        const at = events[0].timestamp - start;
        if (at < 60_000) first.push(ms);
        else if (at >= (laps * span) - 60_000) last.push(ms);
      }
    }
    out.chunks += session.chunks.length;
  }
  return { ...out, rawMB: round(out.rawMB), cpuSeconds: round(out.cpuSeconds, 2), firstMinuteMs: round(median(first), 2), lastMinuteMs: round(median(last), 2) };
}

const asSent = await run(false);
const oneChunk = await run(true);
const row = (r: Run): string => `${r.writes} / ${r.chunks} | ${r.events} / ${r.rawMB} | ${r.cpuSeconds} | ${r.firstMinuteMs} / ${r.lastMinuteMs}`;
printTable(`Chunk writes: ${recordings.length} recorded sessions played ${minutes} min, the open chunk written after every batch`, [
  ['', 'writes / chunks | events / raw MB | CPU s | write ms, median: first minute / last minute'],
  ['chunks cut by the SDK\'s checkouts', row(asSent)],
  ['one open chunk (checkouts off)', row(oneChunk)],
]);
console.log(JSON.stringify({ minutes, asSent, oneChunk }));
