/// <reference types="node" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { recordOnlyRrweb, trimRrweb } from '../build/record-only-rrweb.mjs';

const rrwebPath = createRequire(import.meta.url).resolve('rrweb').replace(/rrweb\.cjs$/, 'rrweb.js');

test('the rrweb trim only adds pure annotations and removes no-op property reads', () => {
  const source = readFileSync(rrwebPath, 'utf8');
  const { code, applied } = trimRrweb(source);
  assert.equal(applied, true, 'rrweb 2.2 layout recognised');
  const before = source.split('\n');
  const after = code.split('\n');
  assert.equal(after.length, before.length, 'line for line');
  // Ignoring annotations, parentheses, whitespace and the arrow that wraps postcss_default, every changed line is the same code.
  const normalize = (line: string) => line.replace(/\/\* @__PURE__ \*\//g, '').replace(/\(\) =>/g, '').replace(/[\s()]/g, '');
  let removed = 0;
  let annotated = 0;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    if (after[i] === '' && /^import_postcss(\$1)?\.default(\.\w+)?;$/.test(before[i])) removed++;
    else {
      assert.equal(normalize(after[i]), normalize(before[i]), `line ${i + 1}`);
      annotated++;
    }
  }
  assert.ok(removed > 10 && annotated >= 3, `${removed} reads removed, ${annotated} lines annotated`);
});

test('with the trim, a record-only bundle drops postcss and the replayer', async () => {
  const trim = recordOnlyRrweb();
  const result = await build({
    stdin: { contents: "import { record } from 'rrweb'; globalThis.r = record;", resolveDir: process.cwd() },
    bundle: true, minify: true, write: false, format: 'iife', platform: 'browser', target: 'es2019',
    define: { 'process.env.NODE_ENV': '"production"' }, plugins: [trim.plugin], logLevel: 'silent',
  });
  const js = result.outputFiles[0].text;
  assert.equal(trim.applied(), true);
  assert.ok(!js.includes('postcss-hover-classes') && !js.includes('CssSyntaxError'), 'postcss is gone');
  assert.ok(!js.includes('[replayer]'), 'the replayer is gone');
  assert.ok(js.includes('rr_width'), 'the recorder is there');
  assert.ok(gzipSync(js).length < 32 * 1024, `${gzipSync(js).length} bytes gzipped`);
});
