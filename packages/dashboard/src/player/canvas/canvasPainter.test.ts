import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RrwebEvent } from '@gosight/shared';
import { prepareCanvasFrames, type CanvasFrame } from './canvasFrames.js';
import { CanvasPainter, type CanvasSurface } from './canvasPainter.js';

/** A surface that logs what it shows. */
function fakeSurface(): CanvasSurface & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    show: async (frame: CanvasFrame) => void log.push(`show ${frame.base64}`),
    clear: () => void log.push('clear'),
  };
}

const frame = (id: number, base64: string) => ({
  type: 3, timestamp: 1,
  data: { source: 9, id, type: 0, commands: [{ property: 'drawImage', args: [{ rr_type: 'ImageBitmap', args: [{ rr_type: 'Blob', data: [{ rr_type: 'ArrayBuffer', base64 }], type: 'image/webp' }] }, 0, 0] }] },
}) as RrwebEvent;

const resize = (id: number) => ({ type: 3, timestamp: 1, data: { source: 0, adds: [], removes: [], texts: [], attributes: [{ id, attributes: { width: '20' } }] } }) as RrwebEvent;
const snapshot = (canvasAttributes: Record<string, string>) => ({
  type: 2, timestamp: 1,
  data: { node: { type: 0, id: 1, childNodes: [{ type: 2, id: 3, tagName: 'canvas', attributes: canvasAttributes, childNodes: [] }] } },
}) as RrwebEvent;

test('while catching up to a seek, only the last picture of each canvas is shown, after the DOM is built', async () => {
  const surface = fakeSurface();
  const painter = new CanvasPainter({ surfaceOf: (id) => (id === 3 ? surface : null), allIds: () => [3] });
  painter.handle(frame(3, 'one'), true);
  painter.handle(frame(3, 'two'), true);
  painter.handle(frame(4, 'not-a-canvas'), true);
  assert.deepEqual(surface.log, [], 'nothing before flush');
  painter.flush();
  await painter.drawn();
  assert.deepEqual(surface.log, ['show two']);
});

test('while playing, pictures are shown as they come, and a resize blanks the canvas', () => {
  const surface = fakeSurface();
  const painter = new CanvasPainter({ surfaceOf: () => surface, allIds: () => [3] });
  painter.handle(frame(3, 'a'), false);
  painter.handle(resize(3), false);
  painter.handle(frame(3, 'b'), false);
  assert.deepEqual(surface.log, ['show a', 'clear', 'show b']);
});

test('a rebuild from a snapshot shows the snapshot picture, and blanks canvases painted from another moment', async () => {
  const surface = fakeSurface();
  const painter = new CanvasPainter({ surfaceOf: () => surface, allIds: () => [3] });
  painter.handle(frame(3, 'later'), false);
  surface.log.length = 0;

  painter.handle(snapshot({}), true);
  painter.flush();
  assert.deepEqual(surface.log, ['clear'], 'a seek back before any picture shows a blank canvas');

  surface.log.length = 0;
  const pictured = snapshot({ rr_dataURL: 'data:image/png;base64,c25hcA==' });
  prepareCanvasFrames([pictured]);
  painter.handle(pictured, true);
  painter.flush();
  assert.deepEqual(surface.log, ['show c25hcA==']);
});

test('a picture that fails to decode is reported, not thrown into rrweb', async () => {
  const errors: unknown[] = [];
  const surface: CanvasSurface = { show: () => Promise.reject(new Error('bad image')), clear: () => undefined };
  const painter = new CanvasPainter({ surfaceOf: () => surface, allIds: () => [] }, (e) => errors.push(e));
  painter.handle(frame(3, 'broken'), false);
  await painter.drawn();
  assert.equal(errors.length, 1);
});
