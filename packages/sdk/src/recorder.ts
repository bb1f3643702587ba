import type { RecordPlugin } from '@rrweb/types';
import { record } from 'rrweb';
import { MAX_ERROR_ENTRIES_PER_PAGE } from './constants.js';
import type { GoSightConfig } from './config.js';
import { whenDomReady } from './dom-ready.js';
import { preserveWebglBuffers } from './plugins/preserve-webgl-buffers.js';
import type { Logger } from './logger.js';
import { createConsolePlugin } from './plugins/console-plugin.js';
import { createErrorPlugin } from './plugins/error-plugin.js';
import { createNetworkPlugin } from './plugins/network-plugin.js';
import type { KeyMatcher } from '@gosight/shared';
import { buildRecordOptions, type StartRecording } from './record-options.js';

export interface RecorderInput {
  config: GoSightConfig;
  doc: Document;
  perf: Performance | undefined;
  /** Our own ingest URL: the network plugin must not record the SDK's requests. */
  ingestUrl: string;
  isSensitiveKey: KeyMatcher;
  log: Logger;
}

/** The live node rrweb recorded under `id` (its mirror), for filters that must look at the page. */
export function recordedNodeById(id: number): Node | null {
  return record.mirror.getNode(id);
}

/** Console, error and network plugins as configured. */
export function buildPlugins(config: GoSightConfig, ingestUrl: string, perf: Performance | undefined): RecordPlugin[] {
  const plugins: RecordPlugin[] = [];
  if (config.consoleLevels.length > 0) plugins.push(createConsolePlugin(config.consoleLevels));
  if (config.captureErrors) plugins.push(createErrorPlugin(MAX_ERROR_ENTRIES_PER_PAGE));
  if (config.network) plugins.push(createNetworkPlugin(config.network, ingestUrl, perf));
  return plugins;
}

/**
 * The only module that touches rrweb's runtime. Waits for the DOM, then calls `record()`;
 * `onFailed` fires if rrweb declines (it returns undefined on unsupported pages) or throws.
 */
export function createRecorder({ config, doc, perf, ingestUrl, isSensitiveKey, log }: RecorderInput): StartRecording {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (config.canvas && win) preserveWebglBuffers(win);
  return (emit, onFailed) => {
    let stopRecord: (() => void) | undefined;
    let stopped = false;

    const start = (): void => {
      if (stopped) return;
      try {
        const options = buildRecordOptions({
          config,
          emit,
          plugins: buildPlugins(config, ingestUrl, perf),
          isSensitiveKey,
          onError: (error) => log.debug('rrweb observer error (swallowed)', error),
        });
        const handle = record(options);
        if (typeof handle !== 'function') {
          log.debug('rrweb record() returned nothing; not recording');
          onFailed();
          return;
        }
        stopRecord = handle;
        log.debug('recording started');
      } catch (error) {
        log.debug('rrweb record() threw; not recording', error);
        onFailed();
      }
    };

    const cancelStart = whenDomReady(doc, start);
    return {
      stop() {
        stopped = true;
        cancelStart();
        try {
          stopRecord?.();
        } catch (error) {
          log.debug('rrweb stop threw', error);
        }
        stopRecord = undefined;
      },
      checkout() {
        if (!stopRecord) return false;
        try {
          record.takeFullSnapshot(true);
          return true;
        } catch (error) {
          log.debug('rrweb checkout threw', error);
          return false;
        }
      },
    };
  };
}
