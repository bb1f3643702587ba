import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, ConfigError, SETTINGS } from './index.js';

test('defaults apply when nothing is set, and the result is frozen', () => {
  const c = loadConfig();
  assert.equal(c.port, 3000);
  assert.equal(c.dataDir, './data');
  assert.equal(c.projectKey, undefined);
  assert.equal(c.chunkGzipLevel, 6);
  assert.ok(Object.isFrozen(c));
});

test('flags beat environment, environment beats the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gosight-config-'));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ port: 4000, dataDir: '/from-file', chunkGzipLevel: 9 }));
  const c = loadConfig({
    argv: ['--config', file, '--port', '5000'],
    env: { GOSIGHT_PORT: '4500', GOSIGHT_DATA_DIR: '/from-env' },
  });
  assert.equal(c.port, 5000);
  assert.equal(c.dataDir, '/from-env');
  assert.equal(c.chunkGzipLevel, 9);
});

test('bad values fail at once with a message naming the source', () => {
  assert.throws(() => loadConfig({ argv: ['--port', 'abc'] }), (e: Error) =>
    e instanceof ConfigError && e.message.includes('--port') && e.message.includes('abc'));
  assert.throws(() => loadConfig({ env: { GOSIGHT_CHUNK_GZIP_LEVEL: '12' } }), /GOSIGHT_CHUNK_GZIP_LEVEL: 12 is above the maximum 9/);
  assert.throws(() => loadConfig({ argv: ['--no-such-flag', '1'] }), ConfigError);
  assert.throws(() => loadConfig({ env: { GOSIGHT_LOG_LEVEL: 'loud' } }), /not one of/);
});

test('unknown keys in the config file are rejected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gosight-config-'));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ prot: 1 }));
  assert.throws(() => loadConfig({ argv: ['--config', file] }), /unknown setting "prot"/);
});

test('README documents every setting with its flag, variable and default', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../../../README.md', import.meta.url)), 'utf8');
  for (const s of SETTINGS) {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`--${s.flag}\` |`));
    assert.ok(row, `README has a row for --${s.flag}`);
    assert.ok(row.includes(`\`${s.env}\``), `README row for --${s.flag} names ${s.env}`);
    if (s.default !== undefined) assert.ok(row.includes(String(s.default)), `README row for --${s.flag} shows default ${s.default}`);
  }
});

test('booleans, scale-out settings and combinations that need each other', () => {
  assert.equal(loadConfig().s3ForcePathStyle, true);
  assert.equal(loadConfig({ env: { GOSIGHT_S3_FORCE_PATH_STYLE: 'false' } }).s3ForcePathStyle, false);
  assert.throws(() => loadConfig({ argv: ['--s3-force-path-style', 'maybe'] }), /not true or false/);
  assert.throws(() => loadConfig({ argv: ['--queue', 'kafka'] }), /--queue kafka needs --kafka-brokers/);
  const c = loadConfig({ argv: ['--queue', 'kafka', '--kafka-brokers', 'a:9092,b:9092'] });
  assert.equal(c.kafkaTopic, 'replay');
  assert.equal(c.archiveAfterDays, 30);
  assert.throws(() => loadConfig({ argv: ['--headers-timeout-ms', '20000', '--request-timeout-ms', '10000'] }), /must not exceed --request-timeout-ms/);
  assert.equal(loadConfig().allowedHosts, 'localhost,127.0.0.1,[::1]');
  assert.equal(loadConfig().trustProxy, undefined, 'X-Forwarded-* is trusted only when configured');
});
