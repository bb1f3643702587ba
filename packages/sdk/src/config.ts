import type { NetworkInitiatorType } from '@rrweb/types';
import {
  DEFAULT_BLOCK_CLASS,
  DEFAULT_CANVAS_FPS,
  DEFAULT_CANVAS_QUALITY,
  MAX_CANVAS_FPS,
  MIN_CANVAS_FPS,
  DEFAULT_CONSOLE_LEVELS,
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_IGNORE_CLASS,
  DEFAULT_MASK_TEXT_CLASS,
  DEFAULT_MAX_BATCH_EVENTS,
  MAX_BATCH_CHARS,
  MAX_FLUSH_INTERVAL_MS,
  MAX_PENDING_BATCHES,
  MAX_QUEUE_CHARS,
  MIN_FLUSH_INTERVAL_MS,
} from './constants.js';
import type { MaskInputFn, MaskTextFn } from './privacy/mask-functions.js';

/** Console methods that can be recorded (the levels of rrweb's console plugin). */
const CONSOLE_LEVEL_NAMES = [
  'assert', 'clear', 'count', 'countReset', 'debug', 'dir', 'dirxml', 'error', 'group',
  'groupCollapsed', 'groupEnd', 'info', 'log', 'table', 'time', 'timeEnd', 'timeLog', 'trace', 'warn',
] as const;
export type ConsoleLevel = (typeof CONSOLE_LEVEL_NAMES)[number];

/** Opt-in network recording (spec `events.network`). */
export interface NetworkOptions {
  /** Record request and response headers, with the denylist applied. Default true. */
  recordHeaders?: boolean;
  /** Record bodies, redacted by key. Default false. */
  recordBody?: boolean;
  /** More header names whose values are redacted (Authorization, Cookie, API keys… always are). */
  denyHeaders?: string[];
  /** Which requests to record (rrweb's initiator types); default all. */
  initiatorTypes?: NetworkInitiatorType[];
}

/**
 * Opt-in canvas recording. A canvas is recorded as pictures of its pixels, which cannot be
 * masked: text drawn into a canvas is recorded as drawn. Block a canvas (`gosight-block`)
 * to keep it out.
 */
export interface CanvasOptions {
  /** Frames per second sampled from each canvas, 0.5 to 15. Default 4. */
  fps?: number;
  /** WebP quality of each frame, 0.1 to 1. Default 0.6. */
  quality?: number;
}

/** What the host page passes to `GoSight.init`. Only `endpoint` and `projectKey` are required. */
export interface GoSightOptions {
  /** Origin of the GoSight server, e.g. `https://replay.example.com`. */
  endpoint: string;
  projectKey: string;
  /** Start recording in `init` (default); false waits for `GoSight.start()`, e.g. after consent. */
  autoStart?: boolean;
  /** Share of sessions recorded, 0 to 1, drawn once per session. Default 1. */
  sampleRate?: number;
  maskAllInputs?: boolean;
  maskTextSelector?: string;
  blockSelector?: string;
  maskTextClass?: string;
  blockClass?: string;
  ignoreClass?: string;
  /**
   * When input values are recorded: `'as-typed'` (default) on every keystroke, so the replay
   * shows text typed but not yet submitted; `'on-change'` only when a field is committed
   * (blur, Enter, a pick). Masking applies either way.
   */
  inputValues?: 'as-typed' | 'on-change';
  /** Replaces the `*` masking of input values (password, email, tel and card fields always get `*`). */
  maskInputFn?: MaskInputFn;
  /** Replaces the `*` masking of masked text. */
  maskTextFn?: MaskTextFn;
  /** More key names treated as secret in URLs, bodies and console text (token, password, … always are). */
  redactKeys?: string[];
  /** Console levels to record (an empty list turns console recording off); `errors: false` stops recording unhandled errors. */
  console?: { levels?: ConsoleLevel[]; errors?: boolean };
  /** `true` or options to record canvas contents (2D and WebGL) as sampled frames. Default off: see CanvasOptions. */
  canvas?: boolean | CanvasOptions;
  /** `true` or options to record fetch/XHR and resource timings. Default off. */
  network?: boolean | NetworkOptions;
  flushIntervalMs?: number;
  maxBatchEvents?: number;
  debug?: boolean;
}

export interface CanvasConfig {
  readonly fps: number;
  readonly quality: number;
}

export interface NetworkConfig {
  readonly recordHeaders: boolean;
  readonly recordBody: boolean;
  readonly denyHeaders: readonly string[];
  readonly initiatorTypes: readonly NetworkInitiatorType[] | undefined;
}

/** Validated, defaulted and frozen options: what every other module reads. */
export interface GoSightConfig {
  readonly endpoint: string;
  readonly projectKey: string;
  readonly autoStart: boolean;
  readonly sampleRate: number;
  readonly maskAllInputs: boolean;
  readonly inputValues: 'as-typed' | 'on-change';
  readonly maskTextSelector: string | undefined;
  readonly blockSelector: string | undefined;
  readonly maskTextClass: string;
  readonly blockClass: string;
  readonly ignoreClass: string;
  readonly maskInputFn: MaskInputFn | undefined;
  readonly maskTextFn: MaskTextFn | undefined;
  readonly redactKeys: readonly string[];
  readonly consoleLevels: readonly ConsoleLevel[];
  readonly captureErrors: boolean;
  /** null when canvas recording is off. */
  readonly canvas: CanvasConfig | null;
  /** null when network recording is off. */
  readonly network: NetworkConfig | null;
  readonly flushIntervalMs: number;
  readonly maxBatchEvents: number;
  readonly maxBatchChars: number;
  readonly maxPendingBatches: number;
  readonly maxQueueChars: number;
  readonly debug: boolean;
}

export type ResolveConfigResult = { ok: true; config: GoSightConfig } | { ok: false; reason: string };

const CONSOLE_LEVELS: ReadonlySet<string> = new Set<string>(CONSOLE_LEVEL_NAMES);

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
  const consoleOptions = isObject(options.console) ? options.console : {};

  const config: GoSightConfig = {
    endpoint,
    projectKey: options.projectKey.trim(),
    autoStart: options.autoStart !== false,
    sampleRate: clampNumber(options.sampleRate, 1, 0, 1),
    maskAllInputs: typeof options.maskAllInputs === 'boolean' ? options.maskAllInputs : true,
    inputValues: options.inputValues === 'on-change' ? 'on-change' : 'as-typed',
    maskTextSelector: nonEmptyString(options.maskTextSelector),
    blockSelector: nonEmptyString(options.blockSelector),
    maskTextClass: nonEmptyString(options.maskTextClass) ?? DEFAULT_MASK_TEXT_CLASS,
    blockClass: nonEmptyString(options.blockClass) ?? DEFAULT_BLOCK_CLASS,
    ignoreClass: nonEmptyString(options.ignoreClass) ?? DEFAULT_IGNORE_CLASS,
    maskInputFn: typeof options.maskInputFn === 'function' ? (options.maskInputFn as MaskInputFn) : undefined,
    maskTextFn: typeof options.maskTextFn === 'function' ? (options.maskTextFn as MaskTextFn) : undefined,
    redactKeys: Object.freeze(stringList(options.redactKeys)),
    consoleLevels: Object.freeze(resolveConsoleLevels(consoleOptions.levels)),
    captureErrors: consoleOptions.errors !== false,
    canvas: resolveCanvas(options.canvas),
    network: resolveNetwork(options.network),
    flushIntervalMs: clampNumber(options.flushIntervalMs, DEFAULT_FLUSH_INTERVAL_MS, MIN_FLUSH_INTERVAL_MS, MAX_FLUSH_INTERVAL_MS),
    maxBatchEvents: Math.round(clampNumber(options.maxBatchEvents, DEFAULT_MAX_BATCH_EVENTS, 1, 1_000)),
    maxBatchChars: MAX_BATCH_CHARS,
    maxPendingBatches: MAX_PENDING_BATCHES,
    maxQueueChars: MAX_QUEUE_CHARS,
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

function resolveCanvas(value: unknown): CanvasConfig | null {
  if (value !== true && !isObject(value)) return null;
  const options: Record<string, unknown> = value === true ? {} : value;
  return Object.freeze({
    fps: clampNumber(options.fps, DEFAULT_CANVAS_FPS, MIN_CANVAS_FPS, MAX_CANVAS_FPS),
    quality: clampNumber(options.quality, DEFAULT_CANVAS_QUALITY, 0.1, 1),
  });
}

function resolveNetwork(value: unknown): NetworkConfig | null {
  if (value !== true && !isObject(value)) return null;
  const options: Record<string, unknown> = value === true ? {} : value;
  const initiatorTypes = Array.isArray(options.initiatorTypes) ? stringList(options.initiatorTypes) as NetworkInitiatorType[] : undefined;
  return Object.freeze({
    recordHeaders: options.recordHeaders !== false,
    recordBody: options.recordBody === true,
    denyHeaders: Object.freeze(stringList(options.denyHeaders)),
    initiatorTypes: initiatorTypes ? Object.freeze(initiatorTypes) : undefined,
  });
}

function resolveConsoleLevels(levels: unknown): ConsoleLevel[] {
  if (!Array.isArray(levels)) return [...DEFAULT_CONSOLE_LEVELS];
  return levels.filter((level): level is ConsoleLevel => typeof level === 'string' && CONSOLE_LEVELS.has(level));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function clampNumber(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
