import type { RecordPlugin } from '@rrweb/types';
import { CONSOLE_PLUGIN_NAME } from '@gosight/shared';
import type { ConsoleLevel } from '../config.js';

const MAX_STACK_FRAMES = 50;

/** The console plugin's payload shape (console-plugin.ts), which the server reads for console entries and errors. */
export interface ConsoleEntry {
  level: ConsoleLevel;
  payload: string[];
  trace: string[];
}

/**
 * Records unhandled errors and promise rejections as console entries of level 'error' (the
 * console plugin's shape and name), at most `maxEntries` per page and then one warning, so a
 * page that throws in a loop cannot flood the recording.
 */
export function createErrorPlugin(maxEntries: number): RecordPlugin {
  return {
    name: CONSOLE_PLUGIN_NAME,
    options: {},
    observer: (callback, win) => {
      const w = win as unknown as Window;
      let count = 0;
      const report = (entry: () => ConsoleEntry): void => {
        try {
          count++;
          if (count <= maxEntries) callback(entry());
          else if (count === maxEntries + 1) {
            callback({ level: 'warn', payload: [JSON.stringify(`GoSight: more than ${maxEntries} errors; the rest are not recorded`)], trace: [] });
          }
        } catch {
          // Recording an error must never cause one.
        }
      };
      const onError = (event: ErrorEvent): void => report(() => errorEntry(event));
      const onRejection = (event: PromiseRejectionEvent): void => report(() => rejectionEntry(event));
      w.addEventListener('error', onError);
      w.addEventListener('unhandledrejection', onRejection);
      return () => {
        w.removeEventListener('error', onError);
        w.removeEventListener('unhandledrejection', onRejection);
      };
    },
  };
}

export function errorEntry(event: { message?: unknown; error?: unknown }): ConsoleEntry {
  const message = typeof event.message === 'string' && event.message !== '' ? event.message : describe(event.error);
  return { level: 'error', payload: [JSON.stringify(message)], trace: stackFrames(event.error) };
}

export function rejectionEntry(event: { reason?: unknown }): ConsoleEntry {
  const reason = event.reason;
  if (reason instanceof Error) {
    return { level: 'error', payload: [JSON.stringify(`Uncaught (in promise) ${reason.name}: ${reason.message}`)], trace: stackFrames(reason) };
  }
  return { level: 'error', payload: [JSON.stringify('Uncaught (in promise)'), safeStringify(reason)], trace: [] };
}

/** Frames of a V8 (`    at f (url:1:2)`) or Firefox/Safari (`f@url:1:2`) stack, message lines left out. */
export function stackFrames(error: unknown): string[] {
  const stack = error && typeof error === 'object' ? (error as { stack?: unknown }).stack : undefined;
  if (typeof stack !== 'string') return [];
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('at ')) frames.push(trimmed.slice(3));
    else if (/@\S+:\d+/.test(trimmed)) frames.push(trimmed);
    if (frames.length >= MAX_STACK_FRAMES) break;
  }
  return frames;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return error === undefined ? 'Unknown error' : String(error);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return JSON.stringify(String(value));
  }
}
