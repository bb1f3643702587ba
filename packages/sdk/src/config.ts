import type { LogLevel } from '@rrweb/rrweb-plugin-console-record';
import {
  DEFAULT_BLOCK_CLASS,
  DEFAULT_CONSOLE_LEVELS,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_IGNORE_CLASS,
  DEFAULT_MASK_TEXT_CLASS,
  DEFAULT_MAX_BATCH_EVENTS,
  MAX_FLUSH_INTERVAL_MS,
  MAX_PENDING_BATCHES,
  MIN_FLUSH_INTERVAL_MS,
} from './constants.js';

/** What the host page passes to `GoSight.init`. Only `endpoint` and `projectKey` are required. */
export interface GoSightOptions {
  /** Origin of the GoSight server, e.g. `https://replay.example.com`. */
  endpoint: string;
  projectKey: string;
  maskAllInputs?: boolean;
  maskTextSelector?: string;
  blockSelector?: string;
  maskTextClass?: string;
  blockClass?: string;
  ignoreClass?: string;
  /** Console levels to record; an empty list turns console recording off. */
  console?: { levels?: LogLevel[] };
  flushIntervalMs?: number;
  maxBatchEvents?: number;
  debug?: boolean;
}

/** Validated, defaulted and frozen options: what every other module reads. */
export interface GoSightConfig {
  readonly endpoint: string;
  readonly projectKey: string;
  readonly maskAllInputs: boolean;
  readonly maskTextSelector: string | undefined;
  readonly blockSelector: string | undefined;
  readonly maskTextClass: string;
  readonly blockClass: string;
  readonly ignoreClass: string;
  readonly consoleLevels: readonly LogLevel[];
  readonly flushIntervalMs: number;
  readonly maxBatchEvents: number;
  readonly maxPendingBatches: number;
  readonly debug: boolean;
}

export type ResolveConfigResult = { ok: true; config: GoSightConfig } | { ok: false; reason: string };

const CONSOLE_LEVELS: ReadonlySet<string> = new Set<LogLevel>([
  'assert', 'clear', 'count', 'countReset', 'debug', 'dir', 'dirxml', 'error', 'group',
  'groupCollapsed', 'groupEnd', 'info', 'log', 'table', 'time', 'timeEnd', 'timeLog', 'trace', 'warn',
]);

/**
 * Turns whatever the page passed into a frozen config, or a reason it cannot record.
 * Input comes from untyped page scripts, so every field is checked at runtime.
 */
export function resolveConfig(input: unknown): ResolveConfigResult {
  if (typeof input !== 'object' || input === null) return { ok: false, reason: 'options must be an object' };
  const options = input as Partial<Record<keyof GoSightOptions, unknown>>;

  const endpoint = normalizeEndpoint(options.endpoint);
  if (endpoint === null) return { ok: false, reason: 'endpoint must be an http(s) origin' };
  if (typeof options.projectKey !== 'string' || options.projectKey.trim() === '') {
    return { ok: false, reason: 'projectKey must be a non-empty string' };
  }

  const config: GoSightConfig = {
    endpoint,
    projectKey: options.projectKey.trim(),
    maskAllInputs: typeof options.maskAllInputs === 'boolean' ? options.maskAllInputs : true,
    maskTextSelector: nonEmptyString(options.maskTextSelector),
    blockSelector: nonEmptyString(options.blockSelector),
    maskTextClass: nonEmptyString(options.maskTextClass) ?? DEFAULT_MASK_TEXT_CLASS,
    blockClass: nonEmptyString(options.blockClass) ?? DEFAULT_BLOCK_CLASS,
    ignoreClass: nonEmptyString(options.ignoreClass) ?? DEFAULT_IGNORE_CLASS,
    consoleLevels: Object.freeze(resolveConsoleLevels(options.console)),
    flushIntervalMs: clampNumber(options.flushIntervalMs, DEFAULT_FLUSH_INTERVAL_MS, MIN_FLUSH_INTERVAL_MS, MAX_FLUSH_INTERVAL_MS),
    maxBatchEvents: Math.round(clampNumber(options.maxBatchEvents, DEFAULT_MAX_BATCH_EVENTS, 1, 10_000)),
    maxPendingBatches: MAX_PENDING_BATCHES,
    debug: options.debug === true,
  };
  return { ok: true, config: Object.freeze(config) };
}

/** Keeps scheme, host and any path prefix (a server behind a proxy path), drops trailing slashes. */
function normalizeEndpoint(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

function resolveConsoleLevels(value: unknown): LogLevel[] {
  const levels = typeof value === 'object' && value !== null ? (value as { levels?: unknown }).levels : undefined;
  if (!Array.isArray(levels)) return [...DEFAULT_CONSOLE_LEVELS];
  return levels.filter((level): level is LogLevel => typeof level === 'string' && CONSOLE_LEVELS.has(level));
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function clampNumber(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
