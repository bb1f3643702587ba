/** Past this many entries the cache starts over: a flood of made-up tokens cannot grow memory. */
const MAX_ENTRIES = 10_000;

/**
 * What a credential (a cookie's or token's secret) resolved to, for `ttlMs`. A negative
 * answer is kept too, so guessing cannot make every request a store read. Revocations on
 * this process evict at once; on another process they take effect within `ttlMs`.
 */
export class CredentialCache<T> {
  private readonly entries = new Map<string, { value: T | undefined; until: number }>();

  constructor(private readonly ttlMs: number, private readonly now: () => number = Date.now) {}

  async get(key: string, resolve: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = await resolve();
    if (this.ttlMs > 0) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, until: this.now() + this.ttlMs });
    }
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  forgetWhere(match: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (match(key)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
