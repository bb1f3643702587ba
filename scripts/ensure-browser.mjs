#!/usr/bin/env node
// Makes sure the browser tests have a Chromium: GOSIGHT_CHROMIUM or /usr/bin/chromium if
// present; else, as root on a Debian-like system, installs Debian's chromium package;
// else stops with the exact command to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const configured = process.env.GOSIGHT_CHROMIUM;
if (configured) {
  if (!existsSync(configured)) {
    console.error(`GOSIGHT_CHROMIUM is set to ${configured}, which does not exist.`);
    process.exit(1);
  }
  process.exit(0);
}
const path = '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.log('Browser tests need Chromium; installing Debian\'s chromium package (apt-get install -y chromium)...');
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (run(['update']) && run(['install', '-y', '--no-install-recommends', 'chromium']) && existsSync(path)) process.exit(0);
  console.error('Installing chromium with apt-get failed; see the output above.');
  process.exit(1);
}
console.error([
  'The browser tests need Chromium and none was found.',
  '  On Debian/Ubuntu, as root:  apt-get update && apt-get install -y chromium',
  '  Or point GOSIGHT_CHROMIUM at a Chromium or Chrome binary:  GOSIGHT_CHROMIUM=/path/to/chrome npm test',
].join('\n'));
process.exit(1);
