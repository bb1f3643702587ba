/** What an ingest key grants: the project its batches go to, and the pages that may send them. */
export interface KeyGrant {
  projectId: string;
  /** Origins allowed to send with this key; empty allows any. */
  allowedOrigins: string[];
}

/** Maps ingest keys to projects (in production: `Accounts`, over the account store). */
export interface ProjectResolver {
  /** The grant of `key`, or undefined when the key is unknown or revoked. */
  keyGrant(key: string): Promise<KeyGrant | undefined>;
}

/** A fixed set of key → project pairs, any origin (tests of the ingest routes). */
export class StaticProjectKeys implements ProjectResolver {
  private readonly byKey: Map<string, KeyGrant>;

  constructor(pairs: Iterable<[key: string, projectId: string, allowedOrigins?: string[]]>) {
    this.byKey = new Map([...pairs].map(([key, projectId, allowedOrigins]) => [key, { projectId, allowedOrigins: allowedOrigins ?? [] }]));
  }

  async keyGrant(key: string): Promise<KeyGrant | undefined> {
    return this.byKey.get(key);
  }
}
