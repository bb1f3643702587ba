/** Entry of dist/gosight.js: esbuild assigns these exports to the global `GoSight`. */
export { init, start, stop, identify, event, getSessionId, flush } from './index.js';
