/** Source of randomness, injectable so tests can check each fallback path. */
export interface CryptoLike {
  randomUUID?: () => string;
  getRandomValues?: <T extends Uint8Array>(array: T) => T;
}

/**
 * A version 4 UUID. `crypto.randomUUID` needs a secure context (and Safari 15.4+); older or
 * plain-http pages get one built from `getRandomValues`, and pages without Web Crypto at all
 * from Math.random, which is fine for an identifier that is not a secret.
 */
export function createSessionId(cryptoSource: CryptoLike | undefined = globalThis.crypto): string {
  try {
    if (cryptoSource && typeof cryptoSource.randomUUID === 'function') return cryptoSource.randomUUID();
  } catch {
    // Insecure contexts throw or lack it; fall through.
  }
  const bytes = new Uint8Array(16);
  try {
    if (cryptoSource && typeof cryptoSource.getRandomValues === 'function') cryptoSource.getRandomValues(bytes);
    else fillWithMathRandom(bytes);
  } catch {
    fillWithMathRandom(bytes);
  }
  return formatUuidV4(bytes);
}

/** Sets the version (4) and variant (10xx) bits, then prints 8-4-4-4-12 hex. */
export function formatUuidV4(bytes: Uint8Array): string {
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed UUID; guards against a tampered or foreign value in storage. */
export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

function fillWithMathRandom(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
}
