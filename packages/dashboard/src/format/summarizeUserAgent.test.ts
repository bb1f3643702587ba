import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeUserAgent } from './summarizeUserAgent.js';

test('recognises common desktop and mobile browsers', () => {
  assert.equal(
    summarizeUserAgent(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36',
    ),
    'Chrome 120 · Linux',
  );
  assert.equal(
    summarizeUserAgent(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36 Edg/121.0.2277.83',
    ),
    'Edge 121 · Windows',
  );
  assert.equal(
    summarizeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:122.0) Gecko/20100101 Firefox/122.0'),
    'Firefox 122 · macOS',
  );
  assert.equal(
    summarizeUserAgent(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
    ),
    'Safari 17 · iOS',
  );
  assert.equal(
    summarizeUserAgent(
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
    ),
    'Chrome 120 · Android',
  );
  assert.equal(
    summarizeUserAgent(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    ),
    'Headless Chrome 131 · Linux',
  );
});

test('falls back to what it can tell, then to Unknown', () => {
  assert.equal(summarizeUserAgent('SomeBot/1.0 (Windows)'), 'Windows');
  assert.equal(summarizeUserAgent(''), 'Unknown');
});
