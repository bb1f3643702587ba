import type { ConsoleLevel } from '@gosight/shared';

const LEVELS = new Set<ConsoleLevel>(['log', 'info', 'warn', 'error', 'debug', 'assert', 'trace']);

/**
 * Reads rrweb's console plugin payload `{ level, payload: string[], trace: string[] }`,
 * where each argument is JSON-stringified by the recorder: strings are unquoted, errors
 * shown by their message, the rest kept as JSON.
 */
export function parseConsolePayload(payload: unknown): { level: ConsoleLevel; message: string; stack?: string } {
  const p = (payload ?? {}) as { level?: unknown; payload?: unknown; trace?: unknown };
  const level = LEVELS.has(p.level as ConsoleLevel) ? (p.level as ConsoleLevel) : 'log';
  const args = Array.isArray(p.payload) ? p.payload : [];
  const message = args.map(argumentText).join(' ');
  const trace = Array.isArray(p.trace) ? p.trace.filter((t): t is string => typeof t === 'string') : [];
  return trace.length ? { level, message, stack: trace.join('\n') } : { level, message };
}

function argumentText(arg: unknown): string {
  if (typeof arg !== 'string') return JSON.stringify(arg) ?? String(arg);
  try {
    const parsed: unknown = JSON.parse(arg);
    if (typeof parsed === 'string') return parsed;
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') {
      const name = 'name' in parsed && typeof parsed.name === 'string' ? parsed.name : 'Error';
      return `${name}: ${parsed.message}`;
    }
    return arg;
  } catch {
    return arg;
  }
}
