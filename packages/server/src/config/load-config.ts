import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SETTINGS, type Config, type SettingSpec } from './settings.js';

/** A configuration problem found at start: the process should print it and exit. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ConfigSources {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Builds the frozen configuration from, in order of precedence: flags, environment,
 * the JSON file named by `--config` / `GOSIGHT_CONFIG`, then defaults.
 */
export function loadConfig({ argv = [], env = {} }: ConfigSources = {}): Readonly<Config> {
  const flags = parseFlags(argv);
  const filePath = (flags.config as string | undefined) ?? env.GOSIGHT_CONFIG;
  const file = filePath ? readConfigFile(filePath) : {};
  const config: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    const fromFlag = flags[spec.flag] as string | undefined;
    const raw = fromFlag ?? env[spec.env] ?? file[spec.key] ?? spec.default;
    const source = fromFlag !== undefined ? `--${spec.flag}` : env[spec.env] !== undefined ? spec.env
      : file[spec.key] !== undefined ? `${filePath}: ${spec.key}` : 'default';
    config[spec.key] = raw === undefined || raw === '' ? undefined : coerce(spec, raw, source);
  }
  return Object.freeze(checkCombinations(config as unknown as Config));
}

/** Settings that only make sense together, checked once so a bad mix fails at start. */
function checkCombinations(c: Config): Config {
  if (c.queue === 'kafka' && !c.kafkaBrokers) throw new ConfigError('--queue kafka needs --kafka-brokers (or GOSIGHT_KAFKA_BROKERS)');
  if (c.coldStore === 's3' && !c.s3Bucket) throw new ConfigError('--cold-store s3 needs --s3-bucket');
  if (c.headersTimeoutMs > c.requestTimeoutMs) {
    throw new ConfigError(`--headers-timeout-ms (${c.headersTimeoutMs}) must not exceed --request-timeout-ms (${c.requestTimeoutMs}): the headers are part of the request`);
  }
  return c;
}

function parseFlags(argv: readonly string[]): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: 'string' }> = { config: { type: 'string' } };
  for (const spec of SETTINGS) options[spec.flag] = { type: 'string' };
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}. Run with --help for the list of settings.`);
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path} must hold a JSON object`);
  }
  const known = new Set(SETTINGS.map((s) => s.key as string));
  for (const key of Object.keys(parsed)) {
    if (!known.has(key)) throw new ConfigError(`config file ${path}: unknown setting "${key}"`);
  }
  return parsed as Record<string, unknown>;
}

function coerce(spec: SettingSpec, raw: unknown, source: string): string | number | boolean {
  if (spec.kind === 'bool') {
    if (raw === true || raw === 'true' || raw === '1') return true;
    if (raw === false || raw === 'false' || raw === '0') return false;
    throw new ConfigError(`${source}: "${String(raw)}" is not true or false`);
  }
  if (spec.kind === 'int') {
    const n = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw).trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n)) throw new ConfigError(`${source}: "${String(raw)}" is not a whole number`);
    if (spec.min !== undefined && n < spec.min) throw new ConfigError(`${source}: ${n} is below the minimum ${spec.min}`);
    if (spec.max !== undefined && n > spec.max) throw new ConfigError(`${source}: ${n} is above the maximum ${spec.max}`);
    return n;
  }
  const s = String(raw);
  if (spec.kind === 'enum' && !spec.values?.includes(s)) {
    throw new ConfigError(`${source}: "${s}" is not one of ${spec.values?.join(', ')}`);
  }
  return s;
}
