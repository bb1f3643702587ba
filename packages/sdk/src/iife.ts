/** Entry of dist/gosight.js: esbuild assigns these exports to the global `GoSight`. */
export { init, stop, getSessionId } from './index.js';
