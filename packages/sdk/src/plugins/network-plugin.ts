import { getRecordNetworkPlugin } from '@rrweb/rrweb-plugin-network-record';
import type { NetworkRecordOptions, NetworkRequest, RecordPlugin } from '@rrweb/types';
import type { NetworkConfig } from '../config.js';

type Sized = NetworkRequest & { transferSize?: number; encodedBodySize?: number; decodedBodySize?: number };

/**
 * rrweb's network plugin. Headers are always requested from it, because only its fetch/XHR
 * wrappers (installed when headers or bodies are recorded) see the method and status; what
 * may leave the browser is decided later by applyPrivacyFilters. Our own ingest requests are
 * left out, and sizes are added from Resource Timing.
 */
export function createNetworkPlugin(network: NetworkConfig, ingestUrl: string, perf: Performance | undefined): RecordPlugin {
  const options: NetworkRecordOptions = {
    recordHeaders: true,
    recordBody: network.recordBody,
    recordInitialRequests: false,
    transformRequestFn: (request) => transformRequest(request, ingestUrl, perf),
  };
  // The plugin merges with Object.assign: an undefined value would replace its default list.
  if (network.initiatorTypes) options.initiatorTypes = [...network.initiatorTypes];
  return getRecordNetworkPlugin(options);
}

export function transformRequest(request: NetworkRequest, ingestUrl: string, perf: Performance | undefined): NetworkRequest | undefined {
  try {
    if (typeof request.name !== 'string' || request.name.startsWith(ingestUrl)) return undefined;
    addSizes(request as Sized, perf);
    return request;
  } catch {
    return undefined;
  }
}

/** Transfer and body sizes of the Resource Timing entry that started at the request's start. */
function addSizes(request: Sized, perf: Performance | undefined): void {
  if (!perf || typeof perf.getEntriesByName !== 'function' || typeof request.startTime !== 'number') return;
  const entries = perf.getEntriesByName(request.name, 'resource');
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as PerformanceResourceTiming;
    if (Math.round(entry.startTime) !== request.startTime) continue;
    request.transferSize = entry.transferSize;
    request.encodedBodySize = entry.encodedBodySize;
    request.decodedBodySize = entry.decodedBodySize;
    return;
  }
}
