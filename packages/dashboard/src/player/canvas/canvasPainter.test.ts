import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RrwebEvent } from '@gosight/shared';
import { prepareCanvasFrames } from './canvasFrames.js';
import { CanvasPainter, type DecodeFrame } from './canvasPainter.js';

/** A canvas whose 2D context logs what is drawn on it. */
function fakeCanvas() {
  const log: string[] = [];
  const canvas = {
    nodeName: 'CANVAS', isConnected: true, width: 10, height: 10, log,
    getContext: () => ({
      canvas,
      clearRect: () => log.push('clear'),
      drawImage: (bitmap: { label: string }) => log.push(`draw ${bitmap.label}`),
    }),
  };
  return canvas;
}

/** Decoding that finishes when the test says so, in any order. */
function manualDecode() {
  const waiting = new Map<string, () => void>();
  const decode: DecodeFrame = (frame) => new Promise((resolve) => {
    waiting.set(frame.base64, () => resolve({ label: frame.base64, close: () => undefined } as unknown as ImageBitmap));
  });
  return { decode, finish: (base64: string) => waiting.get(base64)?.() };
}

const frame = (id: number, base64: string, timestamp = 1) => ({
  type: 3, timestamp,
  data: { source: 9, id, type: 0, commands: [{ property: 'drawImage', args: [{ rr_type: 'ImageBitmap', args: [{ rr_type: 'Blob', data: [{ rr_type: 'ArrayBuffer', base64 }], type: 'image/webp' }] }, 0, 0] }] },
}) as RrwebEvent;

const resize = (id: number) => ({ type: 3, timestamp: 1, data: { source: 0, adds: [], removes: [], texts: [], attributes: [{ id, attributes: { width: '20' } }] } }) as RrwebEvent;

test('while catching up to a seek, only the last picture of each canvas is drawn, after the DOM is built', async () => {
  const canvas = fakeCanvas();
  const { decode, finish } = manualDecode();
  const painter = new CanvasPainter({ nodeById: (id) => (id === 3 ? (canvas as unknown as Node) : null), allIds: () => [3] }, decode);
  painter.handle(frame(3, 'one'), true);
  painter.handle(frame(3, 'two'), true);
  painter.handle(frame(4, 'elsewhere'), true);
  assert.deepEqual(canvas.log, [], 'nothing before flush');
  painter.flush();
  finish('two');
  finish('elsewhere');
  await painter.drawn();
  assert.deepEqual(canvas.log, ['clear', 'draw two']);
});

test('a picture that finishes decoding after a newer one, or after a resize, is not drawn', async () => {
  const canvas = fakeCanvas();
  const { decode, finish } = manualDecode();
  const painter = new CanvasPainter({ nodeById: () => canvas as unknown as Node, allIds: () => [3] }, decode);
  painter.handle(frame(3, 'old'), false);
  painter.handle(frame(3, 'new'), false);
  finish('new');
  finish('old');
  await painter.drawn();
  assert.deepEqual(canvas.log, ['clear', 'draw new']);

  canvas.log.length = 0;
  painter.handle(frame(3, 'before-resize'), false);
  painter.handle(resize(3), false);
  finish('before-resize');
  await painter.drawn();
  assert.deepEqual(canvas.log, ['clear'], 'the resize blanked it; the older picture stays out');
});

test('a rebuild from a snapshot shows the snapshot picture, and blanks canvases painted from another moment', async () => {
  const canvas = fakeCanvas();
  const { decode, finish } = manualDecode();
  const painter = new CanvasPainter({ nodeById: () => canvas as unknown as Node, allIds: () => [3] }, decode);
  painter.handle(frame(3, 'later'), false);
  finish('later');
  await painter.drawn();
  canvas.log.length = 0;

  const bare = { type: 2, timestamp: 1, data: { node: { type: 0, id: 1, childNodes: [{ type: 2, id: 3, tagName: 'canvas', attributes: {}, childNodes: [] }] } } } as RrwebEvent;
  painter.handle(bare, true);
  painter.flush();
  assert.deepEqual(canvas.log, ['clear'], 'a seek back before any picture shows a blank canvas');

  canvas.log.length = 0;
  const pictured = { type: 2, timestamp: 1, data: { node: { type: 0, id: 1, childNodes: [{ type: 2, id: 3, tagName: 'canvas', attributes: { rr_dataURL: 'data:image/png;base64,c25hcA==' }, childNodes: [] }] } } } as RrwebEvent;
  prepareCanvasFrames([pictured]);
  painter.handle(pictured, true);
  painter.flush();
  finish('c25hcA==');
  await painter.drawn();
  assert.deepEqual(canvas.log, ['clear', 'draw c25hcA==']);
});

test('a picture that fails to decode is reported, not thrown into rrweb', async () => {
  const canvas = fakeCanvas();
  const errors: unknown[] = [];
  const painter = new CanvasPainter({ nodeById: () => canvas as unknown as Node, allIds: () => [] }, () => Promise.reject(new Error('bad image')), (e) => errors.push(e));
  painter.handle(frame(3, 'broken'), false);
  await painter.drawn();
  assert.equal(errors.length, 1);
  assert.deepEqual(canvas.log, []);
});
