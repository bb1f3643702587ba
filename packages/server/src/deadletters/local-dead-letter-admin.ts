import type { Logger } from 'pino';
import type { DeadLetterActionResponse, DeadLetterInfo, DeadLetterListResponse } from '@gosight/shared';
import { GoSightError } from '../errors/index.js';
import type { ReplayQueue } from '../queue/index.js';
import { toDeadLetterInfo, type DeadLetter, type DeadLetterQuery, type DeadLetterStore } from '../store/index.js';
import { replayOrder, type DeadLetterAdmin, type LetterSelection } from './dead-letter-admin.js';

const PAGE = 500;

/** `DeadLetterAdmin` over the dead-letter store and (for retries) the replay queue. */
export class LocalDeadLetterAdmin implements DeadLetterAdmin {
  constructor(
    private readonly store: DeadLetterStore,
    /** Undefined in a process without the replay queue: retry then answers 503. */
    private readonly queue: ReplayQueue | undefined,
    private readonly logger: Logger,
  ) {}

  async list(query: DeadLetterQuery): Promise<DeadLetterListResponse> {
    const { letters, total } = await this.store.list(query);
    return { deadLetters: letters, total, limit: query.limit, offset: query.offset };
  }

  get(id: string): Promise<DeadLetter | undefined> {
    return this.store.get(id);
  }

  async retry(selection: LetterSelection): Promise<DeadLetterActionResponse> {
    const queue = this.queue;
    if (!queue) {
      throw new GoSightError('QUEUE_UNAVAILABLE', 'retrying needs the replay queue, which this process does not have: use gosight start, or give gosight api --queue kafka');
    }
    const ids: string[] = [];
    for (const info of (await this.select(selection)).sort(replayOrder)) {
      const letter = await this.store.get(info.id);
      if (!letter) continue;
      // The session id is the key, as the ingest publishes it: the batch joins its session's partition.
      await queue.publish(letter.sessionId, letter.message);
      await this.store.remove([letter.id]);
      ids.push(letter.id);
    }
    this.logger.info({ action: 'retry', deadLetters: ids }, 'dead letters put back on the replay queue');
    return { count: ids.length, ids };
  }

  async drop(selection: LetterSelection): Promise<DeadLetterActionResponse> {
    const ids = (await this.select(selection)).map((l) => l.id);
    await this.store.remove(ids);
    this.logger.warn({ action: 'drop', deadLetters: ids }, 'dead letters dropped');
    return { count: ids.length, ids };
  }

  /** The letters selected, read before acting, so letters set aside again meanwhile are not taken twice. */
  private async select(selection: LetterSelection): Promise<DeadLetterInfo[]> {
    if ('ids' in selection) {
      const found: DeadLetterInfo[] = [];
      for (const id of selection.ids) {
        const l = await this.store.get(id);
        if (!l) throw new GoSightError('DEAD_LETTER_NOT_FOUND', `no dead letter ${id.slice(0, 40)}`);
        found.push(toDeadLetterInfo(l));
      }
      return found;
    }
    const all: DeadLetterInfo[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const { letters, total } = await this.store.list({ limit: PAGE, offset, sessionId: selection.sessionId });
      all.push(...letters);
      if (letters.length < PAGE || all.length >= total) return all;
    }
  }
}
