// An esbuild plugin that lets the IIFE tree-shake rrweb down to its recorder.
//
// rrweb 2.2's single ES module (dist/rrweb.js) holds the recorder, the replayer, rrdom and two
// copies of postcss (used only to adapt CSS for replay). esbuild already drops the unused
// replayer, but the postcss modules survive because of three kinds of top-level statements it
// must assume have side effects:
//
//   var import_postcss$1 = __toESM$1((__commonJSMin$1(...))(), 1);   the CommonJS wrapper call
//   var postcss_default = import_postcss$1.default;                   a property read
//   import_postcss$1.default.stringify;                               bare property reads
//
// The plugin marks the first two as pure and deletes the bare reads (they do nothing: the
// object is a plain CommonJS exports object without getters). Nothing else changes, so the
// recorder's code is byte for byte rrweb's. If rrweb's layout changes and the patterns stop
// matching, the file is bundled unchanged (bigger, but correct) and the build says so.
import { readFileSync } from 'node:fs';

const RRWEB_ENTRY = /[\\/]node_modules[\\/]rrweb[\\/]dist[\\/]rrweb\.js$/;

export function recordOnlyRrweb() {
  let applied = false;
  const plugin = {
    name: 'record-only-rrweb',
    setup(build) {
      build.onLoad({ filter: RRWEB_ENTRY }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const result = trimRrweb(source);
        applied = result.applied;
        return { contents: result.applied ? result.code : source, loader: 'js' };
      });
    },
  };
  return { plugin, applied: () => applied };
}

/** Returns the patched source and whether every expected pattern was found. */
export function trimRrweb(source) {
  let wrappers = 0;
  let defaults = 0;
  let reads = 0;
  const code = source
    .replace(/__toESM(\$1)?\(\(\/\* @__PURE__ \*\/ __commonJSMin(\$1)?\(/g, (_m, a = '', b = '') => {
      wrappers++;
      return `__toESM${a}(/* @__PURE__ */ (/* @__PURE__ */ __commonJSMin${b}(`;
    })
    .replace(/^var postcss_default = (import_postcss(?:\$1)?)\.default;$/gm, (_m, name) => {
      defaults++;
      return `var postcss_default = /* @__PURE__ */ (() => ${name}.default)();`;
    })
    .replace(/^import_postcss(?:\$1)?\.default(?:\.\w+)?;$/gm, () => {
      reads++;
      return '';
    });
  return { code, applied: wrappers >= 2 && defaults >= 1 && reads >= 2 };
}
