import { isGoSightError } from '../errors/index.js';

/** Failures that say "try again later" (the store or queue is unavailable), not "this data is bad". */
export const isOutage = (err: unknown): boolean => isGoSightError(err) && err.statusCode === 503;

/** One session's share of a write. */
export interface WriteGroup<S, T> {
  session: S;
  items: T[];
}

/**
 * Writes every group's items in one call; when that fails for a reason other than an
 * outage, writes each group alone to find the sessions whose own data the store refuses.
 * Returns those with their errors; the others are written. Throws (so the caller retries
 * everything later) on an outage, and when every group fails alone too: then it is the
 * store, not the data. A lone group that fails is reported only after `strikes` says it
 * failed `maxStrikes` times in a row, since alone it cannot be told apart from a store
 * problem.
 */
export async function writeIsolated<S, T>(
  groups: WriteGroup<S, T>[],
  write: (items: T[]) => Promise<void>,
  strikes: { add(session: S): number; clear(session: S): void; maxStrikes: number },
): Promise<Map<S, unknown>> {
  if (groups.length === 0) return new Map();
  try {
    await write(groups.flatMap((g) => g.items));
    for (const g of groups) strikes.clear(g.session);
    return new Map();
  } catch (err) {
    if (isOutage(err)) throw err;
    if (groups.length === 1) {
      if (strikes.add(groups[0].session) < strikes.maxStrikes) throw err;
      return new Map([[groups[0].session, err]]);
    }
    const refused = new Map<S, unknown>();
    for (const g of groups) {
      try {
        await write(g.items);
        strikes.clear(g.session);
      } catch (alone) {
        if (isOutage(alone)) throw alone;
        refused.set(g.session, alone);
      }
    }
    if (refused.size === groups.length) throw err;
    return refused;
  }
}
