/** What the processor is doing, for `/api/health` and the logs. */
export interface ProcessorStatus {
  /** running: consuming and storing; retrying: the last attempt failed and waits for its backoff; stopped: after stop(). */
  state: 'starting' | 'running' | 'retrying' | 'stopped';
  /** When the state last changed (epoch ms). */
  since: number;
  /** The last failure, kept after recovery so an operator can see what happened. */
  lastError?: { stage: 'consume' | 'flush'; message: string; at: number };
  lastFlushAt?: number;
  /** Sessions held in memory, and how many of them have data not yet stored. */
  liveSessions: number;
  unflushedSessions: number;
  /** Batches set aside as dead letters since the process started. */
  deadLettered: number;
  /** When the next flush is allowed after failures; absent when not backing off. */
  retryAt?: number;
}

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

type Stage = 'consume' | 'flush';

/**
 * The processor's health state machine and its flush backoff. A failure of either stage
 * (consuming batches, flushing chunks) moves it to `retrying`; the stage's next success
 * clears it, and once neither is failing it is `running` again. Each flush failure doubles
 * the pause before the next flush (1 s up to 30 s). It never goes quiet: the last error
 * stays visible after recovery.
 */
export class ProcessorHealth {
  private state: ProcessorStatus['state'] = 'starting';
  private since: number;
  private lastError: ProcessorStatus['lastError'];
  private lastFlushAt: number | undefined;
  private readonly failing = new Set<Stage>();
  private flushFailures = 0;
  private retryAt: number | undefined;
  private deadLettered = 0;

  constructor(private readonly now: () => number) {
    this.since = now();
  }

  /** Whether a (non-forced) flush may run now, or is still backing off. */
  mayFlush(): boolean {
    return this.retryAt === undefined || this.now() >= this.retryAt;
  }

  succeeded(stage: Stage): void {
    if (stage === 'flush') {
      this.lastFlushAt = this.now();
      this.flushFailures = 0;
      this.retryAt = undefined;
    }
    this.failing.delete(stage);
    this.settle();
  }

  failed(stage: Stage, err: unknown): void {
    const now = this.now();
    this.lastError = { stage, message: (err as Error).message ?? String(err), at: now };
    if (stage === 'flush') this.retryAt = now + Math.min(BASE_DELAY_MS * 2 ** this.flushFailures++, MAX_DELAY_MS);
    this.failing.add(stage);
    this.settle();
  }

  countDeadLetters(n: number): void {
    this.deadLettered += n;
  }

  stopped(): void {
    this.move('stopped');
  }

  status(sessions: { live: number; unflushed: number }): ProcessorStatus {
    return {
      state: this.state, since: this.since, liveSessions: sessions.live, unflushedSessions: sessions.unflushed,
      deadLettered: this.deadLettered,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.lastFlushAt ? { lastFlushAt: this.lastFlushAt } : {}),
      ...(this.retryAt ? { retryAt: this.retryAt } : {}),
    };
  }

  private settle(): void {
    this.move(this.failing.size > 0 ? 'retrying' : 'running');
  }

  private move(state: ProcessorStatus['state']): void {
    if (this.state === state || this.state === 'stopped') return;
    this.state = state;
    this.since = this.now();
  }
}
