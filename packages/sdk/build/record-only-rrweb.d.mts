import type { Plugin } from 'esbuild';

/** esbuild plugin that lets rrweb 2.2's single module tree-shake down to its recorder. */
export function recordOnlyRrweb(): { plugin: Plugin; applied(): boolean };
/** The patched source of rrweb's dist/rrweb.js, and whether every expected pattern matched. */
export function trimRrweb(source: string): { code: string; applied: boolean };
