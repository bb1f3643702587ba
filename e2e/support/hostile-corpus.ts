import { randomUUID } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';

/**
 * What anyone with the (public) project key can send to the ingest, tried as an attacker
 * would. Two kinds:
 * - malformed requests: bad JSON, gzip and types, bombs, caps, keys, methods, paths; each
 *   must get a 4xx (or, for paths, never leak a file);
 * - well-formed hostile batches: valid JSON of the right shape carrying values chosen to
 *   break what comes after the ingest (deep nesting, extreme and fractional numbers in
 *   every numeric field, huge strings in every field, edge timestamps); each must get a
 *   4xx, or be stored and readable, without stopping the pipeline for anyone else.
 */
export interface HostileCase {
  name: string;
  /** `4xx`: must be refused. `stored`: must be acked and readable. `either`: one or the other, never a 5xx. `no-leak`: path probes. */
  expect: '4xx' | 'stored' | 'either' | 'no-leak';
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** For batches: its session and how many events it carries (to check it reads back). */
  sessionId?: string;
  events?: number;
}

interface Ctx {
  key: string;
  now: number;
}

type Event = Record<string, unknown>;
const DAY = 86_400_000;

const json = (v: unknown) => JSON.stringify(v);
const meta = (t: number, data: Record<string, unknown> = {}): Event => ({ type: 4, timestamp: t, data: { href: 'https://shop.test/', width: 1280, height: 800, ...data } });
const full = (t: number, node: unknown = { type: 0, id: 1, childNodes: [] }): Event => ({ type: 2, timestamp: t, data: { node, initialOffset: { top: 0, left: 0 } } });
const inc = (t: number, data: Record<string, unknown>): Event => ({ type: 3, timestamp: t, data });

/** Arrays nested `levels` deep, written as text (JSON.stringify itself overflows past a few thousand). */
const nestedText = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

export function malformedRequests({ key, now }: Ctx): HostileCase[] {
  const sid = randomUUID();
  const good = (over: Record<string, unknown> = {}) => ({ sessionId: sid, seq: 0, events: [meta(now), full(now + 1)], ...over });
  const withEvent = (e: unknown) => json(good({ events: [e] }));
  const k = { 'x-gosight-key': key, 'content-type': 'application/json' };
  const gz = { ...k, 'content-encoding': 'gzip' };
  const cases: HostileCase[] = [];
  const bad = (name: string, body: Buffer | string, headers: Record<string, string> = k) => cases.push({ name, expect: '4xx', body, headers });

  // Not JSON, or not a batch.
  for (const [name, body] of Object.entries({
    'empty body': '', 'whitespace': '   \n ', 'null': 'null', 'array': '[]', 'string': '"batch"', 'number': '42', 'true': 'true',
    'truncated JSON': json(good()).slice(0, 40), 'trailing comma': '{"sessionId":"x",}', 'single quotes': "{'sessionId':'x'}",
    'comments': `/* hi */${json(good())}`, 'NaN literal': `{"sessionId":"${sid}","seq":NaN,"events":[]}`, 'BOM prefix': `\uFEFF${json(good())}`,
    'two documents': `${json(good())}${json(good())}`, 'deep arrays (100 000)': nestedText(100_000), 'deep objects (50 000)': '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
  })) bad(`JSON: ${name}`, body);
  bad('JSON: invalid UTF-8 bytes', Buffer.concat([Buffer.from('{"sessionId":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}')]));

  // Compression.
  bad('gzip: not gzip', 'plain text labelled gzip', gz);
  bad('gzip: truncated', gzipSync(json(good())).subarray(0, 20), gz);
  bad('gzip: of invalid JSON', gzipSync('{"sessionId":'), gz);
  bad('gzip: twice', gzipSync(gzipSync(json(good()))), gz);
  bad('gzip: deflate labelled gzip', deflateSync(json(good())), gz);
  bad('gzip: bomb (1 GB of zeros)', gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 }), gz);
  bad('gzip: bomb of valid JSON padding', gzipSync(`{"sessionId":"${sid}","seq":0,"events":[],"pad":"${' '.repeat(40_000_000)}"}`, { level: 9 }), gz);
  for (const enc of ['br', 'deflate', 'compress', 'zstd', 'gzip, gzip', 'x-unknown']) bad(`encoding: ${enc}`, json(good()), { ...k, 'content-encoding': enc });

  // Sizes.
  bad('size: body over the cap', Buffer.alloc(3 * 1024 * 1024, 0x20));
  bad('size: too many events', json(good({ events: Array.from({ length: 2_001 }, (_, i) => inc(now + i, { source: 1, positions: [] })) })));

  // Keys and headers.
  cases.push({ name: 'key: missing', expect: '4xx', body: json(good()), headers: { 'content-type': 'application/json' } });
  cases.push({ name: 'key: unknown', expect: '4xx', body: json(good()), headers: { ...k, 'x-gosight-key': 'gs_not_a_key' } });
  cases.push({ name: 'key: empty', expect: '4xx', body: json(good()), headers: { ...k, 'x-gosight-key': '' } });
  cases.push({ name: 'key: 12 KB', expect: '4xx', body: json(good()), headers: { ...k, 'x-gosight-key': 'k'.repeat(12_000) } });
  cases.push({ name: 'key: in the query, wrong', expect: '4xx', body: json(good()), path: '/v1/replay?key=nope', headers: { 'content-type': 'application/json' } });
  cases.push({ name: 'header: 40 KB cookie', expect: '4xx', body: json(good()), headers: { ...k, cookie: 'c='.padEnd(40_000, 'x') } });
  for (const type of ['application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'image/png']) {
    bad(`content-type: ${type}`, json(good()), { ...k, 'content-type': type });
  }

  // Methods and paths on the ingest.
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) cases.push({ name: `method: ${method} /v1/replay`, expect: '4xx', method, body: method === 'GET' ? undefined : json(good()), headers: k });
  cases.push({ name: 'path: /v1/replay/extra', expect: '4xx', path: '/v1/replay/extra', body: json(good()), headers: k });
  cases.push({ name: 'path: /v1/', expect: '4xx', path: '/v1/', body: json(good()), headers: k });

  // Path traversal on every static prefix: never a file from outside the served folders.
  for (const path of [
    '/sdk/../../package.json', '/sdk/..%2f..%2fpackage.json', '/demo/../../../etc/passwd', '/demo/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/demo/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fpackage.json', '/..%2f..%2f..%2fetc%2fpasswd',
    '/demo/....//....//etc/passwd', '/sdk-files/../../../../etc/passwd', '/demo/%252e%252e/%252e%252e/etc/passwd', '/demo/..\\..\\..\\etc\\passwd',
  ]) cases.push({ name: `traversal: ${path}`, expect: 'no-leak', method: 'GET', path });

  // Envelope fields of the wrong type or range.
  const field = (name: string, over: Record<string, unknown>) => bad(`envelope: ${name}`, json(good(over)));
  for (const [name, v] of Object.entries({ number: 42, null: null, array: [sid], object: { id: sid }, 'not a UUID': 'abc', 'UUID with spaces': ` ${sid} `, 'UUID too long': `${sid}0`, '10 KB': 'a'.repeat(10_000) })) field(`sessionId ${name}`, { sessionId: v });
  for (const [name, v] of Object.entries({ negative: -1, fraction: 1.5, string: '1', 'over 2^32': 2 ** 32, '1e21': 1e21, null: null, missing: undefined })) field(`seq ${name}`, { seq: v });
  for (const [name, v] of Object.entries({ object: {}, string: 'e', null: null, empty: [], 'null item': [null], 'number item': [1], 'array item': [[]] })) field(`events ${name}`, { events: v });
  for (const [name, v] of Object.entries({ 'version 2': 2, 'version string': '1', 'version null': null })) field(`v ${name}`, { v });
  for (const [name, v] of Object.entries({ negative: -1, fraction: 1.5, string: '3' })) field(`droppedEvents ${name}`, { droppedEvents: v });
  bad('envelope: unknown field', json({ ...good(), admin: true }));
  bad('envelope: __proto__ field', `{"__proto__":{"polluted":1},"sessionId":"${sid}","seq":0,"events":${json(good().events)}}`);
  bad('envelope: constructor field', json({ ...good(), constructor: { prototype: { polluted: 1 } } }));

  // Event fields of the wrong type.
  for (const [name, v] of Object.entries({ negative: -1, seven: 7, fraction: 1.5, string: '2', null: null })) bad(`event: type ${name}`, withEvent({ type: v, timestamp: now, data: {} }));
  for (const [name, v] of Object.entries({ string: 'now', null: null, zero: 0, negative: -5, fraction: now + 0.5, '5e-324': 5e-324, '1e21': 1e21, 'MAX_VALUE': Number.MAX_VALUE, 'MAX_SAFE_INTEGER + 2': 2 ** 53 + 2 })) {
    bad(`event: timestamp ${name}`, withEvent(inc(v as number, { source: 1, positions: [] })));
  }
  bad('event: timestamp 1e400 (Infinity)', `{"sessionId":"${sid}","seq":0,"events":[{"type":3,"timestamp":1e400,"data":{"source":1}}]}`);
  for (const [name, v] of Object.entries({ null: null, array: [], string: 'd', number: 1 })) bad(`event: data ${name}`, withEvent({ type: 3, timestamp: now, data: v }));
  bad('event: FullSnapshot without node', withEvent({ type: 2, timestamp: now, data: {} }));
  bad('event: FullSnapshot node array', withEvent({ type: 2, timestamp: now, data: { node: [] } }));
  for (const [name, v] of Object.entries({ string: '1', negative: -1, fraction: 1.5, '1e308': 1e308, null: null })) bad(`event: incremental source ${name}`, withEvent(inc(now, { source: v })));
  return cases;
}

export function hostileBatches({ now }: Ctx): HostileCase[] {
  const cases: HostileCase[] = [];
  const batch = (name: string, expect: HostileCase['expect'], events: Event[] | string, over: Record<string, unknown> = {}) => {
    const sessionId = randomUUID();
    const body = typeof events === 'string'
      ? `{"sessionId":"${sessionId}","seq":0,"events":${events}}`
      : json({ sessionId, seq: 0, events, ...over });
    cases.push({ name, expect, body: gzipSync(body), sessionId, events: typeof events === 'string' ? undefined : events.length });
  };
  const opening = (t = now) => [meta(t), full(t + 1)];

  // Nesting: the store keeps the DOM opaque, but everything after the ingest walks it.
  const deepNode = (levels: number) => {
    let node = '{"type":3,"textContent":"leaf","id":9999}';
    for (let i = 0; i < levels; i++) node = `{"type":2,"tagName":"div","attributes":{},"childNodes":[${node}],"id":${i + 10}}`;
    return node;
  };
  batch('nesting: a 490-element-deep DOM (980 levels)', 'stored', `[${json(meta(now))},{"type":2,"timestamp":${now + 1},"data":{"node":{"type":0,"id":1,"childNodes":[${deepNode(490)}]},"initialOffset":{"top":0,"left":0}}}]`);
  for (const levels of [1_001, 5_000, 100_000]) {
    batch(`nesting: ${levels} levels in a mutation`, '4xx', `[${json(meta(now))},{"type":3,"timestamp":${now + 1},"data":{"source":0,"adds":${nestedText(levels)}}}]`);
  }
  batch('nesting: 3 000-element-deep DOM', '4xx', `[${json(meta(now))},{"type":2,"timestamp":${now + 1},"data":{"node":${deepNode(3_000)},"initialOffset":{"top":0,"left":0}}}]`);

  // Timestamps at and past the edges of what the store keeps.
  batch('timestamps: 89 days old', 'stored', opening(now - 89 * DAY));
  batch('timestamps: 23 h ahead', 'stored', opening(now + 23 * 3_600_000));
  batch('timestamps: 91 days old', '4xx', opening(now - 91 * DAY));
  batch('timestamps: 2 days ahead', '4xx', opening(now + 2 * DAY));
  batch('timestamps: year 2400', '4xx', opening(Date.UTC(2400, 0, 1)));
  batch('timestamps: 1970', '4xx', opening(1));
  batch('timestamps: out of order and equal', 'stored', [meta(now + 5), full(now + 5), inc(now + 1, { source: 1, positions: [] }), inc(now + 5, { source: 1, positions: [] })]);
  for (const [name, t] of Object.entries({ '5e-324': 5e-324, '1e21': 1e21, 'MAX_VALUE': Number.MAX_VALUE, fraction: now + 0.25, negative: -now })) {
    batch(`timestamps: ${name} after a valid opening`, '4xx', [...opening(), inc(t, { source: 1, positions: [] })]);
  }

  // Meta: what the store keeps in typed columns.
  for (const [name, over] of Object.entries({
    'height -1': { height: -1 }, 'width 1024.5': { width: 1024.5 }, 'width 65536': { width: 65_536 }, 'width 1e9': { width: 1e9 },
    'height 5e-324': { height: 5e-324 }, 'width "800"': { width: '800' }, 'width null': { width: null }, 'href number': { href: 42 },
    'href 70 000 chars': { href: `https://shop.test/?q=${'x'.repeat(70_000)}` },
  })) batch(`meta: ${name}`, '4xx', [meta(now, over), full(now + 1)]);
  batch('meta: width 0, height 65535', 'stored', [meta(now, { width: 0, height: 65_535 }), full(now + 1)]);
  batch('meta: href 65 000 chars', 'stored', [meta(now, { href: `https://shop.test/?q=${'x'.repeat(65_000)}` }), full(now + 1)]);
  batch('meta: href with control characters and emoji', 'stored', [meta(now, { href: 'https://shop.test/\u0000\u0007\u202e🤯\ud800' }), full(now + 1)]);

  // Extreme and fractional numbers in every numeric field the player or processor reads.
  const extremes: Record<string, number> = { '1e308': 1e308, '-1e308': -1e308, '5e-324': 5e-324, '-1': -1, '0.5': 0.5, 'MAX_SAFE_INTEGER': Number.MAX_SAFE_INTEGER };
  for (const [name, n] of Object.entries(extremes)) {
    batch(`numbers ${name}: mouse, scroll, viewport, input, click, media`, 'stored', [
      ...opening(),
      inc(now + 2, { source: 1, positions: [{ x: n, y: n, id: n, timeOffset: n }] }),
      inc(now + 3, { source: 2, type: 2, id: n, x: n, y: n }),
      inc(now + 4, { source: 3, id: n, x: n, y: n }),
      inc(now + 5, { source: 4, width: n, height: n }),
      inc(now + 6, { source: 5, id: n, text: 'x', isChecked: false }),
      inc(now + 7, { source: 7, id: n, type: n, currentTime: n, volume: n, playbackRate: n }),
      inc(now + 8, { source: 0, adds: [{ parentId: n, nextId: n, node: { type: 3, textContent: 't', id: n } }], removes: [{ parentId: n, id: n }], texts: [{ id: n, value: 'v' }], attributes: [{ id: n, attributes: { width: String(n) } }] }),
    ]);
    batch(`numbers ${name}: console and network plugins`, 'stored', [
      ...opening(),
      { type: 6, timestamp: now + 2, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [String(n)], trace: [] } } },
      { type: 6, timestamp: now + 3, data: { plugin: 'rrweb/network@1', payload: { requests: [{ name: 'https://api.test/x', method: 'GET', status: n, startTime: n, endTime: -n, duration: n, transferSize: n, encodedBodySize: n }] } } },
    ]);
    batch(`numbers ${name}: seq and droppedEvents`, Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? 'stored' : '4xx', opening(), { seq: n, droppedEvents: n });
  }

  // Huge strings in every field (within the 16 MB decompressed cap).
  const mb = (n: number) => 'x'.repeat(n * 1024 * 1024);
  batch('strings: a 5 MB text node in the snapshot', 'stored', [meta(now), full(now + 1, { type: 0, id: 1, childNodes: [{ type: 3, textContent: mb(5), id: 2 }] })]);
  batch('strings: a 2 MB attribute', 'stored', [meta(now), full(now + 1, { type: 0, id: 1, childNodes: [{ type: 2, tagName: 'div', attributes: { title: mb(2) }, childNodes: [], id: 2 }] })]);
  batch('strings: a 3 MB input value', 'stored', [...opening(), inc(now + 2, { source: 5, id: 2, text: mb(3), isChecked: false })]);
  // Free-text events (console, network, custom) over 1 Mi characters in a batch are refused: the ingest scrubs them.
  batch('strings: a 900 kB console message', 'stored', [...opening(), { type: 6, timestamp: now + 2, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [mb(0.9)], trace: [] } } }]);
  batch('strings: a 3 MB console message and stack', '4xx', [...opening(), { type: 6, timestamp: now + 2, data: { plugin: 'rrweb/console@1', payload: { level: 'error', payload: [mb(3)], trace: [mb(1)] } } }]);
  batch('strings: a 3 MB request URL and body', '4xx', [...opening(), { type: 6, timestamp: now + 2, data: { plugin: 'rrweb/network@1', payload: { requests: [{ name: mb(1), method: mb(1), status: 200, responseBody: mb(1), requestHeaders: { a: mb(0.5) } }] } } }]);
  batch('strings: a 4 MB custom payload', '4xx', [...opening(), { type: 5, timestamp: now + 2, data: { tag: 'checkout', payload: { blob: mb(4) } } }]);
  batch('strings: a 1 MB plugin name', '4xx', [...opening(), { type: 6, timestamp: now + 2, data: { plugin: mb(1), payload: {} } }]);
  batch('strings: a 1 MB custom tag', '4xx', [...opening(), { type: 5, timestamp: now + 2, data: { tag: mb(1), payload: {} } }]);
  batch('strings: a 1 MB user id', '4xx', [...opening(), { type: 5, timestamp: now + 2, data: { tag: '$identify', payload: { userId: mb(1) } } }]);
  batch('strings: a user id object', '4xx', [...opening(), { type: 5, timestamp: now + 2, data: { tag: '$identify', payload: { userId: { admin: true } } } }]);
  batch('strings: a 1e308 user id', 'stored', [...opening(), { type: 5, timestamp: now + 2, data: { tag: '$identify', payload: { userId: 1e308 } } }]);
  batch('strings: console payload of objects, a weird level, no trace', 'stored', [...opening(), { type: 6, timestamp: now + 2, data: { plugin: 'rrweb/console@1', payload: { level: '🤯', payload: [{ a: [1, { b: null }] }, 5, null], trace: 'not-an-array' } } }]);
  batch('strings: network headers map of 5 000 entries', 'stored', [...opening(), { type: 6, timestamp: now + 2, data: { plugin: 'rrweb/network@1', payload: { requests: [{ name: 'https://api.test/', status: 200, responseHeaders: Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`h${i}`, 'v'.repeat(100)])) }] } } }]);

  // Counts: many chunks, many events, odd event kinds.
  batch('counts: 500 full snapshots in one batch (500 chunks)', 'stored', Array.from({ length: 500 }, (_, i) => full(now + i)));
  batch('counts: 2 000 events (the cap)', 'stored', [...opening(), ...Array.from({ length: 1_998 }, (_, i) => inc(now + 2 + i, { source: 1, positions: [{ x: i, y: i, id: 1, timeOffset: 0 }] }))]);
  batch('counts: only DomContentLoaded and Load events', 'stored', [{ type: 0, timestamp: now, data: {} }, { type: 1, timestamp: now + 1, data: {} }]);
  batch('counts: unknown plugin and unknown incremental source', 'stored', [...opening(), { type: 6, timestamp: now + 2, data: { plugin: 'evil/plugin@9', payload: { x: 1 } } }, inc(now + 3, { source: 200 })]);
  batch('counts: events with extra fields (delay, ids)', 'stored', [...opening(), { ...inc(now + 2, { source: 1 }), delay: 1e308, id: 'x' }]);
  const upper = randomUUID().toUpperCase();
  cases.push({ name: 'ids: upper-case session id', expect: 'stored', body: gzipSync(json({ sessionId: upper, seq: 0xffffffff, events: opening() })), sessionId: upper.toLowerCase(), events: 2 });
  return cases;
}
