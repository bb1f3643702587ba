/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkRequest } from '@rrweb/types';
import { createNetworkPlugin, transformRequest } from './network-plugin.js';

const perf = {
  getEntriesByName: (name: string) => (name === 'https://api/x' ? [
    { startTime: 10.2, transferSize: 1, encodedBodySize: 1, decodedBodySize: 1 },
    { startTime: 99.6, transferSize: 500, encodedBodySize: 400, decodedBodySize: 1200 },
  ] : []),
} as unknown as Performance;

test('leaves out the SDK\'s own ingest requests', () => {
  assert.equal(transformRequest({ name: 'http://gs/v1/replay?key=k' } as NetworkRequest, 'http://gs/v1/replay', perf), undefined);
});

test('adds transfer and body sizes from the matching Resource Timing entry', () => {
  const request = transformRequest({ name: 'https://api/x', startTime: 100 } as NetworkRequest, 'http://gs/v1/replay', perf);
  assert.deepEqual(request, { name: 'https://api/x', startTime: 100, transferSize: 500, encodedBodySize: 400, decodedBodySize: 1200 });
  const unknown = transformRequest({ name: 'https://api/y', startTime: 1 } as NetworkRequest, 'http://gs/v1/replay', perf);
  assert.deepEqual(unknown, { name: 'https://api/y', startTime: 1 });
});

test('asks the plugin for headers (for method and status) and bodies only when configured', () => {
  const plugin = createNetworkPlugin({ recordHeaders: false, recordBody: false, denyHeaders: [], initiatorTypes: undefined }, 'http://gs/v1/replay', perf);
  assert.equal(plugin.name, 'rrweb/network@1');
  const options = plugin.options as { recordHeaders: boolean; recordBody: boolean; initiatorTypes?: string[] };
  assert.equal(options.recordHeaders, true);
  assert.equal(options.recordBody, false);
  assert.equal('initiatorTypes' in options, false, 'undefined must not replace the plugin default');
  const fetchOnly = createNetworkPlugin({ recordHeaders: true, recordBody: true, denyHeaders: [], initiatorTypes: ['fetch'] }, 'x', perf);
  assert.deepEqual((fetchOnly.options as { initiatorTypes: string[] }).initiatorTypes, ['fetch']);
});
