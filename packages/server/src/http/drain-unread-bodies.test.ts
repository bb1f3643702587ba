import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import Fastify, { type FastifyInstance } from 'fastify';
import { drainUnreadBodies } from './drain-unread-bodies.js';

const BODY_LIMIT = 1024;
const MAX_DRAINED = 64 * 1024;
let app: FastifyInstance;
let port: number;

before(async () => {
  app = Fastify();
  drainUnreadBodies(app, MAX_DRAINED);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.post('/in', async (req) => ({ bytes: (req.body as Buffer).length }));
  app.get('/ok', async () => ({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});
after(() => app.close());

/** Reads one HTTP answer (with a Content-Length) off the socket. */
function readAnswer(socket: Socket): Promise<{ status: number; headers: string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
      if (text.length < end + 4 + length) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve({ status: Number(text.slice(9, 12)), headers: text.slice(0, end).toLowerCase() });
    };
    const onClose = () => reject(new Error(`closed before a whole answer: ${JSON.stringify(text)}`));
    socket.on('data', onData);
    socket.once('close', onClose);
  });
}

async function open(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** The connection answers one more request (the refused body was read to its end), then is closed by us. */
async function assertServesNext(socket: Socket): Promise<void> {
  const next = readAnswer(socket);
  socket.write('GET /ok HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal((await next).status, 200);
  socket.destroy();
}

const post = (bytes: number) => `POST /in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n`;

test('a body over the cap gets its 413, is read to its end, and the connection serves the next request', async () => {
  const socket = await open();
  const answer = readAnswer(socket);
  socket.write(post(32 * 1024));
  socket.write(Buffer.alloc(32 * 1024, 0x20));
  const refused = await answer;
  assert.equal(refused.status, 413);
  assert.doesNotMatch(refused.headers, /connection: close/);
  await assertServesNext(socket);
});

test('a body refused part-way (no length given) is read to its end too', async () => {
  const socket = await open();
  const answer = readAnswer(socket);
  socket.write('POST /in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
  for (let i = 0; i < 8; i++) socket.write(`400\r\n${' '.repeat(1024)}\r\n`);
  socket.write('0\r\n\r\n');
  assert.equal((await answer).status, 413);
  await assertServesNext(socket);
});

test('past the drain bound the connection is closed after the answer', async () => {
  const socket = await open();
  // The close may come as a reset: the client is still sending.
  socket.on('error', () => {});
  const answer = readAnswer(socket);
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write(post(4 * MAX_DRAINED));
  assert.equal((await answer).status, 413);
  socket.write(Buffer.alloc(4 * MAX_DRAINED, 0x20));
  await closed;
});

test('a body within the cap is taken as before', async () => {
  const res = await app.inject({ method: 'POST', url: '/in', headers: { 'content-type': 'application/json' }, payload: 'x'.repeat(100) });
  assert.deepEqual([res.statusCode, res.json()], [200, { bytes: 100 }]);
});
