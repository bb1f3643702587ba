import { getRecordConsolePlugin, type LogLevel } from '@rrweb/rrweb-plugin-console-record';
import type { RecordPlugin } from '@rrweb/types';
import { CONSOLE_LENGTH_THRESHOLD } from '../constants.js';

/**
 * rrweb's console plugin for the given levels, without its own `error` and
 * `unhandledrejection` listeners: error-plugin records those, capped, whatever the levels.
 * The plugin reads only `console` and those two listeners from the window it is given.
 */
export function createConsolePlugin(levels: readonly LogLevel[]): RecordPlugin {
  const base = getRecordConsolePlugin({ level: [...levels], lengthThreshold: CONSOLE_LENGTH_THRESHOLD });
  const observer = base.observer;
  return {
    name: base.name,
    options: base.options,
    observer: observer
      ? (callback, win, options) => observer(callback, withoutErrorListeners(win), options)
      : undefined,
  };
}

type PluginWindow = Parameters<NonNullable<RecordPlugin['observer']>>[1];

function withoutErrorListeners(win: PluginWindow): PluginWindow {
  const noop = (): void => {};
  return { console: win.console, addEventListener: noop, removeEventListener: noop } as unknown as PluginWindow;
}
