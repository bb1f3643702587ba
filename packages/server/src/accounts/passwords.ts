import { hash, verify } from '@node-rs/argon2';

/** Shorter passwords are refused; longer than the maximum would let a login request burn CPU. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/** Why a password is unusable, or undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `a password has at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

/** argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * Whether `password` matches `stored`. With no stored hash (an unknown login name) a
 * hash is still checked, so the answer takes as long as for a real account.
 */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const ok = await verify(stored ?? (await decoyHash()), password).catch(() => false);
  return ok && stored !== undefined;
}

let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hash('gosight-decoy-password'));
