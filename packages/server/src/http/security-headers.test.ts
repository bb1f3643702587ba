import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../testing/test-support.js';
import { contentSecurityPolicy, inlineScriptHashes } from './security-headers.js';

test('inline scripts of served pages are allowed by hash; external and empty ones are not hashed', () => {
  const dir = tempDir('csp');
  const body = '\n  window.boot = 1;\n';
  writeFileSync(join(dir, 'index.html'), `<html><head><script>${body}</script><script type="module" src="/a.js"></script><script></script></head></html>`);
  writeFileSync(join(dir, 'notes.txt'), '<script>ignored()</script>');
  const expected = `sha256-${createHash('sha256').update(body).digest('base64')}`;
  assert.deepEqual(inlineScriptHashes([dir, join(dir, 'missing')]), [expected]);
});

test('the policy runs scripts only from our origin and cannot be framed', () => {
  const csp = contentSecurityPolicy(['sha256-abc']);
  assert.deepEqual(csp.scriptSrc, ["'self'", "'sha256-abc'"]);
  assert.deepEqual(csp.frameAncestors, ["'none'"]);
  assert.deepEqual(csp.objectSrc, ["'none'"]);
  assert.ok(!csp.scriptSrc.includes("'unsafe-inline'") && !csp.scriptSrc.includes("'unsafe-eval'"));
});

test('with asset capture on, replays may load images, fonts, styles and media only from our origin', () => {
  const open = contentSecurityPolicy([]);
  assert.ok(open.imgSrc.includes('https:'), 'without capture a replay loads the site\'s assets');
  const captured = contentSecurityPolicy([], true);
  for (const directive of [captured.imgSrc, captured.fontSrc, captured.styleSrc, captured.mediaSrc]) {
    assert.ok(!directive.includes('http:') && !directive.includes('https:'), directive.join(' '));
    assert.ok(directive.includes("'self'"));
  }
});
