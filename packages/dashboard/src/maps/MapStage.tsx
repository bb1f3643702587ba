import { useEffect, useRef, useState } from 'react';
import { EventType, SCROLL_STEP_PX, type PageMap } from '@gosight/shared';
import { assetsPath, fetchAssetIndex, fetchChunkEvents } from '../api/readApi.js';
import { assetResolver, rewriteAssetUrls } from '../player/assets/rewriteAssetUrls.js';
import { prepareCanvasFrames } from '../player/canvas/canvasFrames.js';
import { createRrwebReplayer } from '../player/createRrwebReplayer.js';
import type { ReplayerLike } from '../player/ReplayerLike.js';
import { drawClickMap, drawScrollMap } from './drawMaps.js';

/** The overlay is drawn at half the page's pixels: a long page stays within a canvas's memory. */
const OVERLAY_SCALE = 0.5;
/** Pages longer than this are drawn down to here. */
const MAX_PAGE_PX = 30_000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/**
 * A page view's full snapshot, replayed at its recorded width and stretched to the page's
 * whole height, with the click or scroll map drawn over it in page pixels; scaled to fit.
 */
export function MapStage({ map, view, width }: { map: PageMap; view: 'clicks' | 'scroll'; width: number }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [page, setPage] = useState<{ width: number; height: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const snapshot = map.snapshot;

  useEffect(() => {
    const root = rootRef.current;
    if (!snapshot || !root) return;
    const controller = new AbortController();
    let replayer: ReplayerLike | null = null;
    setPage(null);
    setError(null);
    void (async () => {
      const [index, events] = await Promise.all([
        fetchAssetIndex(snapshot.sessionId, controller.signal).catch(() => ({})),
        fetchChunkEvents(snapshot.sessionId, snapshot.chunkIndex, controller.signal),
      ]);
      if (controller.signal.aborted || events.length === 0) return;
      const resolve = assetResolver(index, `${location.origin}${assetsPath(snapshot.sessionId)}`);
      if (resolve) rewriteAssetUrls(events, resolve);
      prepareCanvasFrames(events);
      replayer = createRrwebReplayer(events, root, 1);
      // The page as its full snapshot drew it: just after the snapshot that follows the page view.
      const shown = events.find((e) => e.type === EventType.FullSnapshot && e.timestamp >= snapshot.timestamp) ?? events[0];
      replayer.pause(shown.timestamp - events[0].timestamp + 1);
      await nextFrame();
      const doc = replayer.iframe.contentDocument;
      const height = Math.min(MAX_PAGE_PX, Math.max(snapshot.viewportHeight,
        doc?.documentElement?.scrollHeight ?? 0, doc?.body?.scrollHeight ?? 0));
      replayer.iframe.style.height = `${height}px`;
      replayer.iframe.setAttribute('height', String(height));
      replayer.iframe.setAttribute('scrolling', 'no');
      if (!controller.signal.aborted) setPage({ width: snapshot.viewportWidth, height });
    })().catch((err: unknown) => {
      if (!controller.signal.aborted) setError(err instanceof Error ? err.message : String(err));
    });
    return () => {
      controller.abort();
      replayer?.destroy();
    };
  }, [snapshot]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !page) return;
    canvas.width = Math.ceil(page.width * OVERLAY_SCALE);
    canvas.height = Math.ceil(page.height * OVERLAY_SCALE);
    if (view === 'clicks') drawClickMap(canvas, map.clicks, map.binPx, OVERLAY_SCALE);
    else drawScrollMap(canvas, map.scroll, SCROLL_STEP_PX, OVERLAY_SCALE);
    canvas.dataset.drawn = view;
  }, [page, map, view]);

  if (!snapshot) return <div className="notice muted">No page view matches: nothing to draw on.</div>;
  const scale = page ? Math.min(1, width / page.width) : 1;
  return (
    <div className="map-stage" data-testid="map-stage" data-state={error ? 'error' : page ? 'drawn' : 'loading'}
      data-page-height={page?.height} style={page ? { width: page.width * scale, height: page.height * scale } : undefined}>
      {error && <div className="alert" role="alert">Could not replay the page: {error}</div>}
      <div className="map-frame" style={{ transform: `scale(${scale})`, width: page?.width, height: page?.height }}>
        <div ref={rootRef} className="map-replay" />
        <canvas ref={canvasRef} className="map-overlay" data-testid="map-overlay" style={page ? { width: page.width, height: page.height } : { display: 'none' }} />
      </div>
    </div>
  );
}
