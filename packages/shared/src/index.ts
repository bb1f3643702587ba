export * from './rrweb-events.js';
export * from './batch.js';
export * from './api.js';
export * from './session-events.js';
export * from './privacy/index.js';
export * from './assets/asset-refs.js';
export * from './accounts-api.js';
export * from './search.js';
