/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preserveWebglBuffers } from './preserve-webgl-buffers.js';

test('WebGL contexts keep their drawing buffer (so frames can be copied); 2D contexts are untouched; patched once', () => {
  const calls: [string, unknown][] = [];
  class FakeCanvas {
    getContext(type: string, attributes?: unknown) {
      calls.push([type, attributes]);
      return null;
    }
  }
  const win = { HTMLCanvasElement: FakeCanvas } as unknown as Window & typeof globalThis;
  preserveWebglBuffers(win);
  preserveWebglBuffers(win);
  const canvas = new FakeCanvas();
  canvas.getContext('webgl', { antialias: false });
  canvas.getContext('webgl2');
  canvas.getContext('2d', { alpha: false });
  assert.deepEqual(calls, [
    ['webgl', { antialias: false, preserveDrawingBuffer: true }],
    ['webgl2', { preserveDrawingBuffer: true }],
    ['2d', { alpha: false }],
  ]);
});
