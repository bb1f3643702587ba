/**
 * Object storage for archived replays (spec §4.4). Embedded: a directory under the data
 * directory. Scale-out: any S3-compatible service (AWS S3, MinIO, Ceph radosgw).
 * Keys look like `{project_id}/{YYYY}/{MM}/{session_id}.gz`.
 */
export interface ColdStore {
  /** Writes an object, replacing one with the same key; durable when it resolves. */
  put(key: string, body: Buffer): Promise<void>;
  /** The whole object, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Bytes `start` (inclusive) to `end` (exclusive) of an object. */
  getRange(key: string, start: number, end: number): Promise<Buffer>;
  /** The object's size in bytes, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** Removes an object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Keys that start with `prefix`, in lexical order. */
  list(prefix: string): Promise<string[]>;
  /** Where the objects live, for logs and start-up output. */
  describe(): string;
}

/** Keys are relative paths of safe segments: no `..`, no leading slash, no empty segment. */
export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(key) || key.split('/').some((s) => s === '.' || s === '..')) {
    throw new RangeError(`invalid cold storage key "${key}"`);
  }
}
