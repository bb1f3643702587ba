import type { RecordPlugin } from '@rrweb/types';
import { CONSOLE_PLUGIN_NAME } from '@gosight/shared';
import { CONSOLE_LENGTH_THRESHOLD } from '../constants.js';
import type { ConsoleLevel } from '../config.js';
import { stackFrames, type ConsoleEntry } from './error-plugin.js';

/** Objects with more keys, or nested deeper, are shown by their kind only (as rrweb's plugin does). */
const MAX_KEYS = 50;
const MAX_DEPTH = 4;

/**
 * Records calls to the chosen console levels in rrweb's console plugin shape
 * `{ level, payload: JSON texts, trace: frames }`, which the server and the player read.
 * Our own rather than rrweb's plugin: that one writes an element argument as its outerHTML,
 * which carries masked text and attribute values past every privacy filter, and it ships a
 * stack parser and a selector builder the SDK's budget has no room for. Elements are shown
 * as `<tag#id.class>`. At most CONSOLE_LENGTH_THRESHOLD entries a page, then one warning.
 * Unhandled errors are error-plugin's.
 */
export function createConsolePlugin(levels: readonly ConsoleLevel[]): RecordPlugin {
  return {
    name: CONSOLE_PLUGIN_NAME,
    options: {},
    observer: (callback, win) => {
      const target = (win as unknown as { console?: Record<string, unknown> }).console;
      if (!target) return () => {};
      let count = 0;
      let recording = false;
      const restore: (() => void)[] = [];
      for (const level of levels) {
        const original = target[level];
        if (typeof original !== 'function') continue;
        const wrapper = function (this: unknown, ...args: unknown[]): unknown {
          const result = (original as (...a: unknown[]) => unknown).apply(this, args);
          // A console call made while recording one (a getter that logs) is not recorded again.
          if (recording || (level === 'assert' && args[0])) return result;
          recording = true;
          try {
            count++;
            if (count < CONSOLE_LENGTH_THRESHOLD) {
              const shown = level === 'assert' ? args.slice(1) : args;
              callback({ level, payload: shown.map(argumentJson), trace: stackFrames(new Error()).slice(1) } satisfies ConsoleEntry);
            } else if (count === CONSOLE_LENGTH_THRESHOLD) {
              callback({ level: 'warn', payload: [JSON.stringify('GoSight: the number of console records reached the threshold')], trace: [] });
            }
          } catch {
            // Recording a console call must never break it.
          } finally {
            recording = false;
          }
          return result;
        };
        target[level] = wrapper;
        restore.push(() => {
          if (target[level] === wrapper) target[level] = original;
        });
      }
      return () => restore.forEach((undo) => undo());
    },
  };
}

/** One console argument as JSON text: cycles, functions, elements, errors and big objects made safe. */
export function argumentJson(value: unknown): string {
  const parents: unknown[] = [];
  try {
    return JSON.stringify(value, function (this: unknown, _key, item: unknown) {
      // `this` is the holder of `item`: drop the ancestors we have left.
      while (parents.length > 0 && parents[parents.length - 1] !== this) parents.pop();
      if (item === undefined) return 'undefined';
      if (typeof item === 'function') return `[Function ${(item as { name?: string }).name || 'anonymous'}]`;
      if (typeof item === 'bigint') return `${item.toString()}n`;
      if (typeof item === 'symbol') return item.toString();
      if (item === null || typeof item !== 'object') return item;
      if (parents.includes(item)) return '[Circular]';
      if (item instanceof Error) return item.stack ? String(item.stack) : `${item.name}: ${item.message}`;
      if (typeof Node !== 'undefined' && item instanceof Node) return describeNode(item);
      if (typeof Event !== 'undefined' && item instanceof Event) {
        return { type: item.type, target: item.target instanceof Node ? describeNode(item.target) : null };
      }
      if (parents.length >= MAX_DEPTH) return Array.isArray(item) ? '[Array]' : '[Object]';
      if (!Array.isArray(item) && Object.keys(item).length > MAX_KEYS) return `[Object with ${Object.keys(item).length} keys]`;
      parents.push(item);
      return item;
    }) ?? 'undefined';
  } catch {
    return JSON.stringify('[unserializable]');
  }
}

/** `<input#email.field>`: the element's tag, id and classes, never its content or other attributes. */
function describeNode(node: Node): string {
  if (node.nodeType !== 1) return node.nodeName;
  const element = node as Element;
  const id = element.id ? `#${element.id}` : '';
  const classes = typeof element.className === 'string' && element.className.trim() ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
  return `<${element.tagName.toLowerCase()}${id}${classes}>`;
}
