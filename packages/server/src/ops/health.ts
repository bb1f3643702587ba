import type { DiskSpaceReading } from '../pipeline/disk-space.js';
import type { ProcessorStatus } from '../processor/index.js';
import type { QueueBacklog } from '../queue/index.js';

/** `GET /api/health`: always 200 while the process serves; `ok` is false when a part is failing. */
export interface HealthReport {
  ok: boolean;
  /** What is wrong, in words, when `ok` is false. */
  problems: string[];
  processor?: ProcessorStatus;
  queue?: QueueBacklog;
  disk?: DiskSpaceReading;
}

/** Where the report's parts come from; a process has the ones its roles run. */
export interface HealthSources {
  processor?: () => ProcessorStatus;
  queue?: () => QueueBacklog | undefined;
  disk?: () => DiskSpaceReading | undefined;
}

export function healthReport(sources: HealthSources): HealthReport {
  const report: HealthReport = { ok: true, problems: [] };
  const processor = sources.processor?.();
  if (processor) {
    report.processor = processor;
    if (processor.state === 'retrying') report.problems.push(`processor retrying: ${processor.lastError?.message ?? 'unknown error'}`);
  }
  const queue = sources.queue?.();
  if (queue) report.queue = queue;
  const disk = sources.disk?.();
  if (disk) {
    report.disk = disk;
    if (disk.full) report.problems.push(`disk at ${disk.path} is full (${disk.freeBytes} bytes free, ${disk.reserveBytes} kept in reserve): ingest answers 503 until space returns`);
  }
  report.ok = report.problems.length === 0;
  return report;
}
