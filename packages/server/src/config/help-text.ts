import { SETTINGS } from './settings.js';

/** The `--help` text: every setting with its flag, environment variable and default. */
export function helpText(command: string, summary: string): string {
  const lines = [`Usage: gosight ${command} [options]`, '', summary, '', 'Options (flag / environment variable, default):'];
  lines.push('  --config <file>   JSON file with any of the settings below (GOSIGHT_CONFIG)');
  for (const s of SETTINGS) {
    const def = s.default === undefined ? 'unset' : String(s.default);
    lines.push(`  --${s.flag} <value>   ${s.env}, default ${def}`, `      ${s.help}`);
  }
  lines.push('  --help            Show this text');
  return lines.join('\n');
}
