import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: a login cookie's or an API token's secret. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** A short random id (tokens, users). */
export const newId = (): string => randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');

/** Secrets are stored as their SHA-256: they are long random strings, so a fast hash is enough. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
