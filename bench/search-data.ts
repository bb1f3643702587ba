import type { ClickTarget, DeviceClass } from '@gosight/shared';
import type { IndexedEvent, SessionRecord, StoredChunk } from '../packages/server/src/store/index.js';

/**
 * Sessions of a realistic shop, as the processor would index them: several pages each
 * (products, categories, cart, checkout, blog, pricing), clicks on real-looking elements
 * (with text, ids, classes, labels and selector paths), requests (mostly 200, some 4xx/5xx),
 * console errors and warnings with variable parts, custom events with properties, identify
 * calls with traits, form fields, scroll depth per page, rage and dead clicks. Seeded, so
 * every run indexes the same data.
 */
export interface GeneratedSession {
  record: SessionRecord;
  chunks: StoredChunk[];
  /** Index rows of the session (for the table of volumes). */
  rows: number;
}

export const PROJECT = 'bench-search';

/** A clickable element of the generated shop: what the processor resolves a click to, and where it sits. */
type Element = ClickTarget & { x: number; y: number };

const el = (path: string, tag: string, id: string, classes: string[], text: string, ariaLabel: string, x: number, y: number): Element => ({
  tag, id, classes, text, ariaLabel, x, y,
  selector: `html > body > ${path} > ${tag}${id ? `#${id}` : ''}${[...classes].sort().map((c) => `.${c}`).join('')}`,
});

/** Elements of each kind of page, where people click on them. */
const NAV = [
  el('header.site-header > nav.main-nav', 'a', '', ['nav-link'], 'Shop', '', 120, 30), el('header.site-header > nav.main-nav', 'a', '', ['nav-link'], 'Journal', '', 200, 30),
  el('header.site-header > nav.main-nav', 'a', '', ['nav-link'], 'Pricing', '', 280, 30), el('header.site-header', 'button', 'cart-button', ['icon-button', 'cart'], '', 'Open cart', 1180, 30),
  el('header.site-header', 'button', 'search-button', ['icon-button'], '', 'Search', 1130, 30), el('header.site-header', 'a', 'logo', ['brand'], 'Tilehouse', '', 40, 30),
];
const PAGE_ELEMENTS: Record<string, Element[]> = {
  product: [
    el('main#app > section.product > div.buy-box', 'button', 'add-to-cart', ['btn', 'btn-primary', 'add-to-cart'], 'Add to cart', '', 900, 420),
    el('main#app > section.product > div.buy-box', 'button', '', ['btn', 'btn-secondary', 'wishlist'], 'Save for later', 'Add to wishlist', 900, 480),
    el('main#app > section.product > div.gallery', 'img', '', ['thumb'], '', 'Product photo', 300, 400),
    el('main#app > section.product > div.buy-box > div.variants', 'button', '', ['variant', 'swatch'], 'Blue', 'Colour: blue', 860, 360),
    el('main#app > section.product > div.buy-box > div.variants', 'button', '', ['variant', 'swatch'], 'Green', 'Colour: green', 900, 360),
    el('main#app > section.reviews', 'a', '', ['more-reviews'], 'Read all reviews', '', 400, 1400),
    el('main#app > section.product > div.buy-box', 'select', 'quantity', ['qty'], '', 'Quantity', 820, 420),
  ],
  category: [
    el('main#app > section.grid > article.card', 'a', '', ['card-link'], 'Lisbon tiles, set of 4', '', 300, 500),
    el('main#app > section.grid > article.card', 'a', '', ['card-link'], 'Cork notebook', '', 600, 500),
    el('main#app > section.grid > article.card', 'button', '', ['btn', 'quick-add'], 'Quick add', 'Add to cart', 640, 620),
    el('main#app > aside.filters', 'input', 'filter-price', ['range'], '', 'Price', 100, 300),
    el('main#app > aside.filters', 'label', '', ['check'], 'In stock only', '', 100, 360),
    el('main#app > nav.pagination', 'a', '', ['page-next'], 'Next page', '', 640, 1800),
  ],
  cart: [
    el('main#app > section.cart > div.summary', 'button', 'checkout-button', ['btn', 'btn-primary'], 'Go to checkout', '', 1000, 500),
    el('main#app > section.cart > ul.lines > li.line', 'button', '', ['remove-line'], 'Remove', 'Remove from cart', 800, 300),
    el('main#app > section.cart > div.summary', 'input', 'coupon', ['coupon-input'], '', 'Coupon code', 980, 420),
    el('main#app > section.cart > div.summary', 'button', 'apply-coupon', ['btn', 'btn-secondary'], 'Apply', '', 1080, 420),
  ],
  checkout: [
    el('main#app > form#checkout.checkout-form > div.actions', 'button', 'pay', ['btn', 'btn-primary', 'pay-button'], 'Pay now', '', 700, 900),
    el('main#app > form#checkout.checkout-form > fieldset.address', 'input', 'email', ['field'], '', 'Email', 600, 300),
    el('main#app > form#checkout.checkout-form > fieldset.address', 'input', 'postcode', ['field'], '', 'Postcode', 600, 380),
    el('main#app > form#checkout.checkout-form > fieldset.shipping', 'label', '', ['radio-card'], 'Express delivery', '', 600, 520),
    el('main#app > form#checkout.checkout-form > fieldset.payment', 'iframe', 'card-frame', ['stripe'], '', 'Card details', 600, 700),
  ],
  pricing: [
    el('main#app > section.plans > article.plan', 'a', '', ['btn', 'plan-cta'], 'Start free trial', 'Start Pro trial', 600, 700),
    el('main#app > section.plans > article.plan', 'a', '', ['btn', 'plan-cta', 'secondary'], 'Contact sales', '', 950, 700),
    el('main#app > section.plans', 'button', 'billing-toggle', ['toggle'], 'Yearly', 'Bill yearly', 640, 300),
    el('main#app > section.faq > details.faq-item', 'summary', '', ['faq-q'], 'Can I cancel any time?', '', 500, 1600),
    el('main#app > section.compare', 'button', '', ['expand'], 'Compare all features', '', 640, 1200),
  ],
  blog: [
    el('main#app > article.post', 'a', '', ['inline-link'], 'our tile guide', '', 500, 900),
    el('main#app > article.post > footer.share', 'button', '', ['share', 'twitter'], '', 'Share on X', 400, 2600),
    el('main#app > article.post > aside.newsletter', 'button', 'subscribe', ['btn', 'btn-primary'], 'Subscribe', '', 700, 2200),
  ],
  home: [
    el('main#app > section.hero', 'a', 'hero-cta', ['btn', 'btn-primary', 'hero-cta'], 'Shop the collection', '', 640, 420),
    el('main#app > section.featured > article.card', 'a', '', ['card-link'], 'Azulejo coasters', '', 400, 900),
    el('main#app > section.featured > article.card', 'a', '', ['card-link'], 'Tile-print tote', '', 800, 900),
  ],
};
const PAGE_HEIGHTS: Record<string, number> = { product: 2_400, category: 3_200, cart: 1_200, checkout: 1_600, pricing: 2_800, blog: 6_000, home: 3_600 };
const ERRORS = [
  (r: () => number) => `TypeError: Cannot read properties of undefined (reading 'price') at ProductCard (app.${Math.floor(r() * 1e6).toString(16)}.js:1:${Math.floor(r() * 9000)})`,
  () => 'Payment failed: gateway timeout',
  (r: () => number) => `ChunkLoadError: Loading chunk ${Math.floor(r() * 400)} failed.`,
  () => 'ResizeObserver loop completed with undelivered notifications.',
  (r: () => number) => `Uncaught (in promise) Error: Request failed with status code ${r() < 0.5 ? 500 : 502}`,
  () => 'Script error.',
];
const WARNINGS = [
  () => 'Deprecated API: document.domain setter is deprecated',
  (r: () => number) => `Slow network: /api/recommendations took ${2000 + Math.floor(r() * 8000)} ms`,
  () => 'Third-party cookie will be blocked',
];
const API = ['/api/cart', '/api/products', '/api/recommendations', '/api/session', '/api/checkout', '/api/coupons', '/api/reviews', '/api/search', '/api/inventory'];
const METHODS: Record<string, string> = { '/api/cart': 'POST', '/api/checkout': 'POST', '/api/coupons': 'POST' };
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const COUNTRIES = ['PT', 'ES', 'FR', 'DE', 'GB', 'US', 'BR', 'NL'];
const BROWSERS: [string, string, DeviceClass, number, number][] = [
  ['Chrome', 'Windows', 'desktop', 1280, 720], ['Chrome', 'macOS', 'desktop', 1440, 900], ['Safari', 'macOS', 'desktop', 1440, 900],
  ['Firefox', 'Linux', 'desktop', 1920, 1080], ['Microsoft Edge', 'Windows', 'desktop', 1536, 864], ['Safari', 'iOS', 'mobile', 390, 844],
  ['Chrome', 'Android', 'mobile', 412, 915], ['Samsung Internet for Android', 'Android', 'mobile', 360, 780], ['Safari', 'iOS', 'tablet', 820, 1180],
];

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const ORIGIN = 'https://tilehouse.example';

/** The URL of a page of `kind` (products and categories have many). */
function pageUrl(r: () => number, kind: string): string {
  if (kind === 'product') return `${ORIGIN}/product/${100 + Math.floor(r() * 400)}`;
  if (kind === 'category') return `${ORIGIN}/category/${pick(r, ['tiles', 'stationery', 'home', 'gifts', 'sale'])}`;
  if (kind === 'blog') return `${ORIGIN}/journal/${pick(r, ['tile-guide', 'lisbon-walk', 'care-tips', 'behind-the-kiln'])}`;
  if (kind === 'home') return `${ORIGIN}/`;
  return `${ORIGIN}/${kind}`;
}

/** One session's listing row and chunks (one per page visit, as full snapshots cut them). */
export function generateSession(r: () => number, sessionId: string, startedAt: number, pricingShare: number): GeneratedSession {
  const [browser, os, deviceClass, vw, vh] = pick(r, BROWSERS);
  const pageCount = 2 + Math.floor(r() * 8);
  const kinds: string[] = [r() < 0.5 ? 'home' : 'category'];
  for (let i = 1; i < pageCount; i++) {
    const prev = kinds[i - 1];
    kinds.push(prev === 'product' && r() < 0.35 ? 'cart' : prev === 'cart' && r() < 0.55 ? 'checkout' : pick(r, ['product', 'product', 'category', 'blog', 'home', 'cart']));
  }
  if (r() < pricingShare) kinds.splice(1 + Math.floor(r() * (kinds.length - 1)), 0, 'pricing');
  const identified = r() < 0.4;
  const userId = identified ? `user-${Math.floor(r() * 40_000)}` : '';
  const troubled = r() < 0.12;
  let t = startedAt;
  const chunks: StoredChunk[] = [];
  let rows = 0;
  let clicks = 0;
  let errors = 0;
  let rage = 0;
  let dead = 0;
  const urls: string[] = [];
  kinds.forEach((kind, index) => {
    const url = pageUrl(r, kind);
    urls.push(url);
    const moments: IndexedEvent[] = [];
    const ranks = new Map<string, number>();
    const add = (m: Omit<IndexedEvent, 'key' | 'url'> & { url?: string }) => {
      const base = `${m.kind}:${m.timestamp}`;
      const rank = ranks.get(base) ?? 0;
      ranks.set(base, rank + 1);
      moments.push({ url, ...m, key: `${base}:${rank}` });
    };
    const blank = { label: '', text: '', tag: '', elementId: '', classes: [], ariaLabel: '', selector: '', x: 0, y: 0, viewportWidth: 0, viewportHeight: 0, depth: 0, level: '', method: '', status: 0, requestUrl: '', props: {} };
    const start = t;
    add({ ...blank, kind: 'page_view', timestamp: t, label: url, viewportWidth: vw, viewportHeight: vh });
    if (index === 0 && identified) add({ ...blank, kind: 'identify', timestamp: t + 50, label: `Identified as ${userId}`, text: userId, props: { plan: pick(r, PLANS), country: pick(r, COUNTRIES) } });
    const elements = [...PAGE_ELEMENTS[kind], ...NAV];
    const nClicks = 1 + Math.floor(r() * 10);
    for (let c = 0; c < nClicks; c++) {
      t += 500 + Math.floor(r() * 6_000);
      const e = pick(r, elements);
      const scale = vw / 1280;
      const x = Math.max(0, Math.round(e.x * scale + (r() - 0.5) * 30));
      const y = Math.max(0, Math.round(e.y * (deviceClass === 'mobile' ? 1.8 : 1) + (r() - 0.5) * 16));
      const name = e.ariaLabel || e.text || e.tag;
      const target = { text: e.text, tag: e.tag, elementId: e.id, classes: e.classes, ariaLabel: e.ariaLabel, selector: e.selector, x, y, viewportWidth: vw };
      add({ ...blank, ...target, kind: 'click', timestamp: t, label: `Click on ${name}` });
      clicks++;
      if (troubled && r() < 0.15) {
        add({ ...blank, ...target, kind: 'rage_click', timestamp: t, label: `Rage click: 4 clicks on ${name}` });
        rage++;
      } else if (r() < 0.03) {
        add({ ...blank, ...target, kind: 'dead_click', timestamp: t, label: `Dead click on ${name}` });
        dead++;
      }
      if ((e.tag === 'input' || e.tag === 'select') && r() < 0.8) {
        add({ ...blank, kind: 'input', timestamp: t + 300, label: `Typed in ${name}`, tag: e.tag, elementId: e.id, classes: e.classes, ariaLabel: e.ariaLabel, selector: e.selector });
      }
    }
    const nRequests = 3 + Math.floor(r() * 12);
    for (let q = 0; q < nRequests; q++) {
      const path = kind === 'checkout' && q === nRequests - 1 ? '/api/checkout' : pick(r, API);
      const method = METHODS[path] ?? 'GET';
      const failing = troubled && (path === '/api/checkout' || r() < 0.1);
      const status = failing ? pick(r, [500, 502, 503, 504, 400, 404, 409]) : r() < 0.01 ? 404 : 200;
      const requestUrl = `${ORIGIN}${path}${method === 'GET' ? `?page=${Math.floor(r() * 20)}` : ''}`;
      add({ ...blank, kind: 'network', timestamp: start + 100 + Math.floor(r() * (t - start + 1_000)), label: `${method} ${requestUrl} ${status}`, method, status, requestUrl });
    }
    if (troubled && r() < 0.6) {
      const message = pick(r, ERRORS)(r);
      add({ ...blank, kind: 'error', timestamp: t + 200, label: message.split('\n')[0].slice(0, 200), text: message, level: 'error' });
      errors++;
    }
    if (r() < 0.15) {
      const message = pick(r, WARNINGS)(r);
      add({ ...blank, kind: 'console', timestamp: t + 250, label: message, text: message, level: 'warn' });
    }
    if (kind === 'product' && r() < 0.3) add({ ...blank, kind: 'custom', timestamp: t + 100, label: 'add_to_cart', text: 'add_to_cart', props: { sku: `SKU-${Math.floor(r() * 400)}`, quantity: String(1 + Math.floor(r() * 3)) } });
    if (kind === 'checkout') {
      add({ ...blank, kind: 'custom', timestamp: start + 10, label: 'checkout_started', text: 'checkout_started', props: { items: String(1 + Math.floor(r() * 5)) } });
      if (troubled) add({ ...blank, kind: 'custom', timestamp: t + 300, label: 'checkout_failed', text: 'checkout_failed', props: { reason: pick(r, ['gateway', 'card_declined', 'stock']) } });
    }
    const height = PAGE_HEIGHTS[kind];
    const depth = Math.min(height, vh + Math.floor(r() * r() * height));
    add({ ...blank, kind: 'scroll', timestamp: start, label: `Scrolled to ${depth}px`, depth, viewportHeight: vh, viewportWidth: vw });
    t += 1_000 + Math.floor(r() * 20_000);
    rows += moments.length;
    chunks.push({
      projectId: PROJECT, sessionId, index, timestampStart: start, timestampEnd: t, newSegments: [], segmentIds: [], dataCrc: 0, dataSize: 2,
      compressedSize: 21, eventCount: moments.length, hasFullSnapshot: true, hasErrors: false, hasNetwork: true, batchSeqs: [index], clickCount: 0,
      errorCount: 0, rageClickCount: 0, deadClickCount: 0, pageUrls: [url], viewportWidth: vw, viewportHeight: vh, userAgent: '', userId,
      derivedEvents: [], activity: { gaps: [] }, version: 1, indexChange: { upserts: moments, removedKeys: [] },
    });
  });
  const record: SessionRecord = {
    projectId: PROJECT, sessionId, startedAt, endedAt: t, durationMs: t - startedAt, firstUrl: urls[0], pageCount: urls.length, clickCount: clicks,
    errorCount: errors, rageClickCount: rage, deadClickCount: dead, eventCount: rows, chunkCount: chunks.length, userAgent: `${browser} on ${os}`,
    viewportWidth: vw, viewportHeight: vh, pageUrls: urls, userId, browser, os, deviceClass, version: 1,
  };
  return { record, chunks, rows };
}
