import { getRecordConsolePlugin } from '@rrweb/rrweb-plugin-console-record';
import type { RecordPlugin } from '@rrweb/types';
import { record } from 'rrweb';
import { CONSOLE_LENGTH_THRESHOLD_CHARS } from './constants.js';
import type { GoSightConfig } from './config.js';
import { whenDomReady } from './dom-ready.js';
import type { Logger } from './logger.js';
import { buildRecordOptions, type StartRecording } from './record-options.js';

/**
 * The only module that touches rrweb's runtime. Waits for the DOM, then calls `record()`;
 * `onFailed` fires if rrweb declines (it returns undefined on unsupported pages) or throws.
 */
export function createRecorder(config: GoSightConfig, doc: Document, log: Logger): StartRecording {
  return (emit, onFailed) => {
    let stopRecord: (() => void) | undefined;
    let stopped = false;

    const start = (): void => {
      if (stopped) return;
      try {
        const plugins: RecordPlugin[] = [];
        if (config.consoleLevels.length > 0) {
          plugins.push(
            getRecordConsolePlugin({ level: [...config.consoleLevels], lengthThreshold: CONSOLE_LENGTH_THRESHOLD_CHARS }),
          );
        }
        const options = buildRecordOptions({
          config,
          emit,
          plugins,
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
    return () => {
      stopped = true;
      cancelStart();
      try {
        stopRecord?.();
      } catch (error) {
        log.debug('rrweb stop threw', error);
      }
    };
  };
}
