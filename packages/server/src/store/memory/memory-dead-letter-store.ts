import type { DeadLetterInfo } from '@gosight/shared';
import { toDeadLetterInfo, type DeadLetter, type DeadLetterQuery, type DeadLetterStore } from '../dead-letter-store.js';

/** `DeadLetterStore` in a Map: for tests, and for processes that keep nothing between runs. */
export class MemoryDeadLetterStore implements DeadLetterStore {
  private readonly letters = new Map<string, DeadLetter>();

  async add(letters: DeadLetter[]): Promise<void> {
    for (const l of letters) this.letters.set(l.id, { ...l, message: Buffer.from(l.message) });
  }

  async list(query: DeadLetterQuery): Promise<{ letters: DeadLetterInfo[]; total: number }> {
    const matching = [...this.letters.values()]
      .filter((l) => query.sessionId === undefined || l.sessionId === query.sessionId)
      .sort((a, b) => a.failedAt - b.failedAt || a.id.localeCompare(b.id));
    return { letters: matching.slice(query.offset, query.offset + query.limit).map(toDeadLetterInfo), total: matching.length };
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const l = this.letters.get(id);
    return l && { ...l, message: Buffer.from(l.message) };
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) this.letters.delete(id);
  }
}
