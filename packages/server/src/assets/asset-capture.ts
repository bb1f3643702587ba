import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { RrwebEvent } from '@gosight/shared';
import type { AssetIndex, AssetLibrary, SessionAsset } from './asset-library.js';
import { collectAssetUrls, cssUrls } from './asset-urls.js';
import { safeFetch, type FetchedAsset, type SafeFetchOptions } from './safe-fetch.js';

export interface AssetCaptureConfig {
  allowPrivateHosts: boolean;
  /** Largest single asset fetched. */
  maxAssetBytes: number;
  /** Most assets captured for one session; the rest replay from their origin (or not at all). */
  maxAssetsPerSession: number;
  /** Most bytes captured for one session. */
  maxSessionAssetBytes: number;
  fetchTimeoutMs: number;
  /** Fetches running at once, across sessions. */
  concurrency: number;
}

/** The stages' view of capture: the processor offers every stored batch's events. */
export interface AssetCaptureSink {
  offer(projectId: string, sessionId: string, events: readonly RrwebEvent[]): void;
}

type Fetch = (url: string, options: SafeFetchOptions) => Promise<FetchedAsset>;

/**
 * Captures waiting or running at once, across sessions. The ingest key is public: a flood of
 * sessions naming new URLs must not grow the server's memory or turn it into a fetch proxy,
 * so past this, new URLs are skipped (logged) until the backlog drains.
 */
const MAX_PENDING_CAPTURES = 2_000;

interface SessionWork {
  projectId: string;
  sessionId: string;
  index: AssetIndex | null;
  seen: Set<string>;
  bytes: number;
  /** Index writes are chained, so they land in order. */
  writing: Promise<void>;
}

/** What capture has done, for logs, metrics and the benchmark. */
export interface AssetCaptureStats {
  fetched: number;
  failed: number;
  /** Assets referenced by a session whose bytes the project already had. */
  deduplicated: number;
  /** Bytes written to the blob store (after deduplication). */
  storedBytes: number;
  /** Bytes of every asset as the sessions reference them (before deduplication). */
  referencedBytes: number;
  /** Batches whose new URLs were skipped because the capture backlog was full. */
  skipped: number;
}

/**
 * Captures what recorded pages loaded, so replays render with the site unreachable (issue
 * "asset capture"). Fetched by the server, not the SDK: it costs the visitor's page nothing,
 * and the SDK could not read cross-origin bytes anyway. The trade-off: an asset only
 * available to a logged-in visitor is captured as the server sees it (usually a login page or
 * a 403, which is not stored).
 *
 * Stylesheets are captured with what they reference (fonts, images, imports), rewritten to
 * the captured copies by relative name, so a stylesheet blob is the same for every session.
 * A URL fetched recently is not fetched again: its blob is reused (and counted deduplicated).
 */
export class AssetCapture implements AssetCaptureSink {
  private readonly sessions = new Map<string, SessionWork>();
  /** Recently captured URLs per project, with what a stylesheet referenced, so a reuse records those too. */
  private readonly recent = new Map<string, { asset: SessionAsset; references: [string, SessionAsset][] }>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly storing = new Map<string, Promise<boolean>>();
  readonly stats: AssetCaptureStats = { fetched: 0, failed: 0, deduplicated: 0, storedBytes: 0, referencedBytes: 0, skipped: 0 };

  constructor(
    private readonly library: AssetLibrary,
    private readonly config: AssetCaptureConfig,
    private readonly logger: Logger,
    private readonly fetcher: Fetch = safeFetch,
  ) {}

  offer(projectId: string, sessionId: string, events: readonly RrwebEvent[]): void {
    const work = this.work(projectId, sessionId);
    for (const url of collectAssetUrls(events)) {
      if (work.seen.has(url) || work.seen.size >= this.config.maxAssetsPerSession) continue;
      if (this.inFlight.size >= MAX_PENDING_CAPTURES) {
        this.stats.skipped++;
        this.logger.warn({ sessionId, pending: this.inFlight.size }, 'asset capture backlog full: skipping new URLs');
        return;
      }
      work.seen.add(url);
      const job = this.capture(work, url, 0).then(() => undefined, (error: unknown) => {
        this.stats.failed++;
        this.logger.warn({ url, sessionId, err: error }, 'asset capture failed');
      });
      this.inFlight.add(job);
      void job.finally(() => this.inFlight.delete(job));
    }
  }

  /** Resolves once every capture started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    await Promise.all([...this.sessions.values()].map((work) => work.writing.catch(() => undefined)));
  }

  private work(projectId: string, sessionId: string): SessionWork {
    const key = `${projectId}/${sessionId}`;
    let work = this.sessions.get(key);
    if (!work) {
      work = { projectId, sessionId, index: null, seen: new Set(), bytes: 0, writing: Promise.resolve() };
      this.sessions.set(key, work);
      // Sessions are long; a bounded map keeps the newest few thousand (an old one starting again re-reads its index).
      if (this.sessions.size > 5_000) this.sessions.delete(this.sessions.keys().next().value as string);
    }
    return work;
  }

  /** Captures `url` (and, for a stylesheet, what it references) into the session's index. */
  private async capture(work: SessionWork, url: string, depth: number): Promise<SessionAsset | undefined> {
    const known = this.recent.get(`${work.projectId} ${url}`);
    let asset: SessionAsset;
    if (known) {
      asset = known.asset;
      this.stats.deduplicated++;
      for (const [reference, referenced] of known.references) {
        if (work.seen.has(reference)) continue;
        work.seen.add(reference);
        this.stats.deduplicated++;
        await this.keep(work, reference, referenced);
      }
    } else {
      const references: [string, SessionAsset][] = [];
      const fetched = await this.limited(() => this.fetcher(url, {
        allowPrivateHosts: this.config.allowPrivateHosts, maxBytes: this.config.maxAssetBytes, timeoutMs: this.config.fetchTimeoutMs,
      }));
      if (!fetched.ok) {
        this.stats.failed++;
        this.logger.debug({ url, reason: fetched.reason }, 'asset not captured');
        return undefined;
      }
      this.stats.fetched++;
      let bytes = fetched.bytes;
      if (fetched.type === 'text/css' && depth < 2) bytes = await this.captureCssReferences(work, url, bytes, depth, references);
      const hash = createHash('sha256').update(bytes).digest('hex');
      if (await this.storeOnce(work.projectId, hash, bytes)) this.stats.storedBytes += bytes.length;
      else this.stats.deduplicated++;
      asset = { hash, type: fetched.type, bytes: bytes.length };
      this.remember(`${work.projectId} ${url}`, { asset, references });
    }
    return (await this.keep(work, url, asset)) ? asset : undefined;
  }

  /** Adds a captured asset to the session's index, within its byte cap. */
  private async keep(work: SessionWork, url: string, asset: SessionAsset): Promise<boolean> {
    if (work.bytes + asset.bytes > this.config.maxSessionAssetBytes) return false;
    work.bytes += asset.bytes;
    this.stats.referencedBytes += asset.bytes;
    await this.record(work, url, asset);
    return true;
  }

  /** Captures a stylesheet's fonts, images and imports, and points its url()s at their blobs by relative name. */
  private async captureCssReferences(work: SessionWork, sheetUrl: string, bytes: Buffer, depth: number, references: [string, SessionAsset][]): Promise<Buffer> {
    let text = bytes.toString('utf8');
    for (const { written, absolute } of cssUrls(text, sheetUrl)) {
      if (work.seen.size >= this.config.maxAssetsPerSession) break;
      work.seen.add(absolute);
      const asset = await this.capture(work, absolute, depth + 1);
      // Served from /api/sessions/:id/assets/{hash}: a sibling name resolves next to the sheet.
      if (!asset) continue;
      references.push([absolute, asset]);
      text = text.split(written).join(asset.hash);
    }
    return Buffer.from(text, 'utf8');
  }

  /** One write per blob at a time: two URLs with the same bytes must not write the same object at once. */
  private storeOnce(projectId: string, hash: string, bytes: Buffer): Promise<boolean> {
    const key = `${projectId}/${hash}`;
    const running = this.storing.get(key);
    if (running) return running.then(() => false);
    const stored = this.library.putBlob(projectId, hash, bytes).finally(() => this.storing.delete(key));
    this.storing.set(key, stored);
    return stored;
  }

  private async record(work: SessionWork, url: string, asset: SessionAsset): Promise<void> {
    // A failed write must not stop the ones after it: each write holds the whole index.
    work.writing = work.writing.catch(() => undefined).then(async () => {
      work.index ??= await this.library.readIndex(work.projectId, work.sessionId);
      work.index[url] = asset;
      await this.library.writeIndex(work.projectId, work.sessionId, work.index);
    });
    await work.writing;
  }

  private remember(key: string, entry: { asset: SessionAsset; references: [string, SessionAsset][] }): void {
    this.recent.set(key, entry);
    if (this.recent.size > 10_000) this.recent.delete(this.recent.keys().next().value as string);
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
