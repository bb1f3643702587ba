#!/usr/bin/env node
// Makes sure the machine has what the tests run against, all from Debian's packages:
//   chromium (browser tests; or GOSIGHT_CHROMIUM pointing at a Chrome/Chromium binary),
//   kcat (librdkafka's mock Kafka cluster), ceph-mon + ceph-osd + radosgw (a real S3 server).
// As root with apt-get it installs what is missing (idempotent); otherwise it stops with
// the exact command to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = [];

const chromium = process.env.GOSIGHT_CHROMIUM;
if (chromium) {
  if (!existsSync(chromium)) {
    console.error(`GOSIGHT_CHROMIUM is set to ${chromium}, which does not exist.`);
    process.exit(1);
  }
} else if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
if (!has('kcat')) missing.push('kcat');
for (const [bin, pkg] of [['ceph-mon', 'ceph-mon'], ['ceph-osd', 'ceph-osd'], ['radosgw', 'radosgw']]) if (!has(bin)) missing.push(pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (process.getuid?.() === 0 && has('apt-get')) {
  console.log(`The tests need ${missing.join(', ')}; installing Debian's packages: ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0
    && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env }).status === 0;
  if (ok) process.exit(0);
  console.error('Installing with apt-get failed; see the output above.');
  process.exit(1);
}
console.error([
  `The tests need ${missing.join(', ')}, which this machine does not have.`,
  `  On Debian/Ubuntu, as root:  ${command}`,
  '  (For the browser alone you may instead point GOSIGHT_CHROMIUM at a Chrome or Chromium binary.)',
].join('\n'));
process.exit(1);
