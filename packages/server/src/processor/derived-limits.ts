/**
 * Bounds on what the processor copies out of a chunk into its derived events and stats.
 * The chunk keeps every byte as recorded (the player shows it); the copies feed listings,
 * timelines and panels, which must stay small and well-formed whatever a client sent.
 */
export const DERIVED_LIMITS = {
  /** One-line labels of timeline markers. */
  labelChars: 500,
  /** Console messages and stacks. */
  messageChars: 16_384,
  /** Request and response bodies, and custom event payloads, as JSON text. */
  bodyChars: 16_384,
  /** Header entries kept per request. */
  headers: 64,
  headerValueChars: 1_024,
  /** Page URLs kept per chunk (the first ones and the last one). */
  pageUrls: 200,
  /** A request longer than this (a day) is recorded as lasting this long. */
  requestMs: 86_400_000,
} as const;

/** `s` cut to `max` characters, saying how much was cut. */
export function capText(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length - max} more characters)`;
}

/** A finite number, or `fallback` (JSON has no NaN, but 1e400 parses as Infinity). */
export const finiteOr = (n: unknown, fallback: number): number => (typeof n === 'number' && Number.isFinite(n) ? n : fallback);

/** `value` when its JSON fits `maxChars`, else that JSON cut short, as a string. */
export function capJson(value: unknown, maxChars: number): unknown {
  if (typeof value === 'string') return capText(value, maxChars);
  const json = JSON.stringify(value) ?? 'null';
  return json.length <= maxChars ? value : capText(json, maxChars);
}
