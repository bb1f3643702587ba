import type { ClickBin, ScrollReach } from '@gosight/shared';

/** Blob radius of one click square in the density layer, in page pixels. */
const BLOB_PX = 22;

/** Blue → cyan → green → yellow → red, for 0..1 of the busiest square's density. */
function heatColor(t: number): [number, number, number] {
  const stops: [number, [number, number, number]][] = [[0, [37, 99, 235]], [0.35, [6, 182, 212]], [0.55, [34, 197, 94]], [0.75, [234, 179, 8]], [1, [220, 38, 38]]];
  for (let i = 1; i < stops.length; i++) {
    const [at, color] = stops[i];
    if (t <= at) {
      const [from, prev] = stops[i - 1];
      const k = (t - from) / (at - from);
      return [0, 1, 2].map((c) => Math.round(prev[c] + (color[c] - prev[c]) * k)) as [number, number, number];
    }
  }
  return stops[stops.length - 1][1];
}

/**
 * The click map on a canvas the size of the page: a density layer (each square a soft blob,
 * coloured by how busy the spot is), a dot per clicked square, and rings where clicks were
 * rage clicks (red) or dead clicks (orange).
 */
export function drawClickMap(canvas: HTMLCanvasElement, bins: readonly ClickBin[], binPx: number, scale: number): void {
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (bins.length === 0) return;
  const max = Math.max(...bins.map((b) => b.clicks + b.rageClicks + b.deadClicks));
  // Density: alpha accumulates in an offscreen layer, then becomes colour.
  const layer = document.createElement('canvas');
  layer.width = canvas.width;
  layer.height = canvas.height;
  const lctx = layer.getContext('2d', { willReadFrequently: true })!;
  lctx.setTransform(scale, 0, 0, scale, 0, 0);
  for (const b of bins) {
    const cx = b.x + binPx / 2;
    const cy = b.y + binPx / 2;
    const g = lctx.createRadialGradient(cx, cy, 0, cx, cy, BLOB_PX);
    g.addColorStop(0, `rgba(0,0,0,${Math.max(0.12, (b.clicks + b.rageClicks + b.deadClicks) / max)})`);
    g.addColorStop(1, 'rgba(0,0,0,0)');
    lctx.fillStyle = g;
    lctx.fillRect(cx - BLOB_PX, cy - BLOB_PX, BLOB_PX * 2, BLOB_PX * 2);
  }
  const image = lctx.getImageData(0, 0, layer.width, layer.height);
  const px = image.data;
  for (let i = 0; i < px.length; i += 4) {
    const a = px[i + 3] / 255;
    if (a === 0) continue;
    const [r, g, b] = heatColor(Math.min(1, a));
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
    px[i + 3] = Math.round(Math.min(1, 0.25 + a) * 170);
  }
  ctx.putImageData(image, 0, 0);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  for (const b of bins) {
    const cx = b.x + binPx / 2;
    const cy = b.y + binPx / 2;
    if (b.clicks > 0) {
      ctx.fillStyle = 'rgba(15, 23, 42, 0.85)';
      ctx.beginPath();
      ctx.arc(cx, cy, 2.5, 0, Math.PI * 2);
      ctx.fill();
    }
    for (const [count, color, radius] of [[b.rageClicks, '#dc2626', 9], [b.deadClicks, '#f97316', 6]] as const) {
      if (count === 0) continue;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.arc(cx, cy, radius, 0, Math.PI * 2);
      ctx.stroke();
    }
  }
}

/**
 * The scroll map: the page darkens as fewer sessions saw it, with a line and label where the
 * share of sessions falls below each quarter, and the share at every 500 px in the margin.
 */
export function drawScrollMap(canvas: HTMLCanvasElement, reach: readonly ScrollReach[], stepPx: number, scale: number): void {
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const width = canvas.width / scale;
  const height = canvas.height / scale;
  for (const r of reach) {
    ctx.fillStyle = `rgba(15, 23, 42, ${(0.6 * (1 - r.share)).toFixed(3)})`;
    ctx.fillRect(0, r.depth, width, stepPx);
  }
  const deepest = reach.length > 0 ? reach[reach.length - 1].depth + stepPx : 0;
  if (deepest < height) {
    ctx.fillStyle = 'rgba(15, 23, 42, 0.6)';
    ctx.fillRect(0, deepest, width, height - deepest);
  }
  ctx.font = '600 13px system-ui, sans-serif';
  for (const quarter of [0.75, 0.5, 0.25]) {
    const at = reach.find((r) => r.share < quarter);
    if (!at) continue;
    ctx.strokeStyle = '#f59e0b';
    ctx.lineWidth = 2;
    ctx.setLineDash([8, 6]);
    ctx.beginPath();
    ctx.moveTo(0, at.depth);
    ctx.lineTo(width, at.depth);
    ctx.stroke();
    ctx.setLineDash([]);
    label(ctx, `${Math.round(quarter * 100)}% of sessions saw above this line`, 12, at.depth - 8);
  }
  for (const r of reach) if (r.depth % 500 === 0) label(ctx, `${Math.round(r.share * 100)}%`, width - 52, r.depth + 18);
}

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  const w = ctx.measureText(text).width + 10;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.fillRect(x - 5, y - 14, w, 19);
  ctx.fillStyle = '#0f172a';
  ctx.fillText(text, x, y);
}
