import type { Logger } from 'pino';
import type { Accounts } from '../accounts/index.js';
import type { ErasureStore } from '../store/index.js';
import type { SessionEraser } from './session-eraser.js';

const DAY_MS = 86_400_000;
/** Sessions erased per store read: a project past its retention for the first time may have many. */
const PAGE = 200;

/**
 * Projects with a retention of their own: sessions that ended longer ago are erased
 * everywhere (hot, cold, assets), as an erasure on request would, and the audit log says
 * how many. Projects without one keep the server's defaults (hot TTL, then the archive).
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { accounts: Accounts; store: Pick<ErasureStore, 'sessionsEndedBefore'>; eraser: SessionEraser; logger: Logger; now?: () => number }) {}

  /** One pass over every project; returns how many sessions each lost. */
  async runOnce(): Promise<Map<string, number>> {
    const now = (this.deps.now ?? Date.now)();
    const erased = new Map<string, number>();
    for (const project of await this.deps.accounts.projects.list()) {
      if (!project.retentionDays) continue;
      const cutoff = now - project.retentionDays * DAY_MS;
      let count = 0;
      const seen = new Set<string>();
      for (;;) {
        const ids = await this.deps.store.sessionsEndedBefore(project.id, cutoff, PAGE);
        if (ids.length === 0) break;
        // An erased session listed again means the store did not delete it: stop rather than loop.
        if (ids.some((id) => seen.has(id))) throw new Error(`session ${ids.find((id) => seen.has(id))} of ${project.id} is still listed after its erasure`);
        for (const id of ids) seen.add(id);
        await this.deps.eraser.eraseSessions(project.id, ids);
        count += ids.length;
      }
      if (count > 0) {
        erased.set(project.id, count);
        await this.deps.accounts.audit({
          actor: 'retention', action: 'retention.erase', projectId: project.id, target: `${count} sessions`,
          detail: `ended before ${new Date(cutoff).toISOString()} (${project.retentionDays} days)`,
        });
        this.deps.logger.info({ projectId: project.id, sessions: count, retentionDays: project.retentionDays }, 'sessions past the project\'s retention erased');
      }
    }
    return erased;
  }

  /** Runs every `everyMs`, one pass at a time; a failed pass is logged and tried again next time. */
  start(everyMs: number): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.runOnce()).catch((err: unknown) => this.deps.logger.error({ err }, 'retention pass failed; next pass retries'));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
