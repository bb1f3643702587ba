import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RrwebEvent } from '@gosight/shared';
import { canvasMutationTarget, frameOfCanvasMutation, nodeFramesOf, prepareCanvasFrames } from './canvasFrames.js';

const sampled = (id: number, base64: string, type = 'image/webp') => ({
  source: 9, id, type: 0,
  commands: [
    { property: 'clearRect', args: [0, 0, 10, 10] },
    { property: 'drawImage', args: [{ rr_type: 'ImageBitmap', args: [{ rr_type: 'Blob', data: [{ rr_type: 'ArrayBuffer', base64 }], type }] }, 0, 0] },
  ],
});

test('reads the picture of a sampled canvas frame, and nothing else', () => {
  assert.deepEqual(frameOfCanvasMutation(sampled(7, 'AAAA')), { base64: 'AAAA', type: 'image/webp' });
  assert.equal(frameOfCanvasMutation(sampled(7, 'AAAA', 'image/svg+xml')), null, 'only raster types');
  assert.equal(frameOfCanvasMutation({ source: 9, id: 7, type: 0, commands: [{ property: 'fillText', args: ['x', 1, 2] }] }), null, 'drawing calls are not replayed');
  assert.equal(frameOfCanvasMutation({ commands: [{ property: 'drawImage', args: [{ rr_type: 'HTMLImageElement', src: 'http://x' }] }] }), null);
  assert.equal(frameOfCanvasMutation(null), null);
  const event = { type: 3, timestamp: 1, data: sampled(7, 'AAAA') } as RrwebEvent;
  assert.equal(canvasMutationTarget(event), 7);
  assert.equal(canvasMutationTarget({ type: 3, timestamp: 1, data: { source: 0 } } as RrwebEvent), null);
});

test('moves snapshot pictures of canvases out of the events, once', () => {
  const canvas = { type: 2, id: 5, tagName: 'canvas', attributes: { width: '10', rr_dataURL: 'data:image/png;base64,QUJD' }, childNodes: [] };
  const evil = { type: 2, id: 6, tagName: 'canvas', attributes: { rr_dataURL: 'data:text/html;base64,PHNjcmlwdD4=' }, childNodes: [] };
  const snapshot = { type: 2, timestamp: 1, data: { node: { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: 'body', attributes: {}, childNodes: [canvas, evil] }] } } } as RrwebEvent;
  const added = { type: 2, id: 9, tagName: 'canvas', attributes: { rr_dataURL: 'data:image/webp;base64,V0VC' }, childNodes: [] };
  const mutation = { type: 3, timestamp: 2, data: { source: 0, adds: [{ parentId: 2, nextId: null, node: added }], removes: [], texts: [], attributes: [] } } as RrwebEvent;
  prepareCanvasFrames([snapshot, mutation]);
  assert.deepEqual(nodeFramesOf(snapshot), [{ id: 5, frame: { base64: 'QUJD', type: 'image/png' } }]);
  assert.deepEqual(nodeFramesOf(mutation), [{ id: 9, frame: { base64: 'V0VC', type: 'image/webp' } }]);
  assert.deepEqual(canvas.attributes, { width: '10' }, 'rrweb no longer sees the picture');
  assert.deepEqual(evil.attributes, {}, 'a non-image data URL is dropped, not drawn');
  prepareCanvasFrames([snapshot, mutation]);
  assert.equal(nodeFramesOf(snapshot).length, 1, 'a second pass changes nothing');
});
