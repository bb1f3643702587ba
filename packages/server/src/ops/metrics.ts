import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProcessorObserver } from '../processor/index.js';
import type { HealthSources } from './health.js';

const PROCESSOR_STATES = ['starting', 'running', 'retrying', 'stopped'] as const;

/**
 * The Prometheus metrics of one GoSight process (prom-client, one registry per server, so
 * several servers in one test process do not mix). Counters are bumped where things
 * happen; gauges are read at scrape time from the parts that own the values.
 */
export class GoSightMetrics {
  readonly registry = new Registry();
  readonly ingestRequests: Counter<'status' | 'code'>;
  private readonly flushSeconds: Histogram;
  private readonly chunksWritten: Counter;
  private readonly deadLetters: Counter<'stage'>;
  private readonly storeErrors: Counter<'operation'>;
  private readonly batchesRead: Counter<'source'>;

  constructor(sources: HealthSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'gosight_' });
    this.ingestRequests = new Counter({
      name: 'gosight_ingest_requests_total', help: 'Ingest answers by HTTP status and GoSight code (OK when accepted).',
      labelNames: ['status', 'code'], registers,
    });
    this.flushSeconds = new Histogram({
      name: 'gosight_processor_flush_duration_seconds', help: 'Time to build, compress and store the chunks of one processor flush.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers,
    });
    this.chunksWritten = new Counter({ name: 'gosight_processor_chunks_written_total', help: 'Chunk versions written to the store.', registers });
    this.deadLetters = new Counter({
      name: 'gosight_dead_letters_total', help: 'Batches set aside as dead letters, by the stage that gave up on them.', labelNames: ['stage'], registers,
    });
    this.storeErrors = new Counter({
      name: 'gosight_store_errors_total', help: 'Failed store calls of the processor (retried), by operation.', labelNames: ['operation'], registers,
    });
    this.batchesRead = new Counter({
      name: 'gosight_processor_batches_read_total',
      help: 'Batches the processor read, by source: "ingest" (the parse handed over by this process\'s ingest) or "queue" (gunzipped and parsed again from the queued bytes).',
      labelNames: ['source'], registers,
    });
    new Gauge({
      name: 'gosight_processor_state', help: 'The processor\'s state: 1 for the current one.', labelNames: ['state'], registers,
      collect() {
        const state = sources.processor?.().state;
        for (const s of PROCESSOR_STATES) this.set({ state: s }, state === s ? 1 : 0);
      },
    });
    // Values read at scrape time from whoever owns them; a process without that part reports none.
    const readings: [name: string, help: string, read: () => number | undefined][] = [
      ['gosight_queue_depth_messages', 'Messages on the replay queue not yet committed by the processor group.', () => sources.queue?.()?.depth],
      ['gosight_queue_consumer_lag_messages', 'Messages on the replay queue not yet delivered to this processor.', () => sources.queue?.()?.lag],
      ['gosight_disk_free_bytes', 'Free bytes on the data directory\'s filesystem.', () => sources.disk?.()?.freeBytes],
      ['gosight_disk_reserve_bytes', 'Free space kept for the store; under it ingest answers 503.', () => sources.disk?.()?.reserveBytes],
    ];
    for (const [name, help, read] of readings) {
      new Gauge({ name, help, registers, collect() { const v = read(); if (v !== undefined) this.set(v); } });
    }
  }

  /** The processor's hooks, wired to these metrics. */
  processorObserver(): ProcessorObserver {
    return {
      flushed: (seconds, chunks) => {
        this.flushSeconds.observe(seconds);
        this.chunksWritten.inc(chunks);
      },
      deadLettered: (stage, count) => this.deadLetters.inc({ stage }, count),
      storeError: (operation) => this.storeErrors.inc({ operation }),
      batchRead: (source) => this.batchesRead.inc({ source }),
    };
  }
}
