import type { FastifyInstance } from 'fastify';

/** How much of a refused body is read and dropped before the connection is closed instead. */
export const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/**
 * An answer sent before the request's body was read (a body over the cap, an unknown key)
 * must reach the client: it names the client's mistake. Fastify closes the connection after
 * such an answer, and closing a socket that still holds unread bytes makes the kernel send a
 * reset, which can reach the client before it has read the answer; it then sees a network
 * error instead of the 4xx.
 *
 * So the rest of such a body is read and dropped, and the connection stays open for the
 * next request (the "lingering close" HTTP servers have long done). It is bounded twice:
 * by `maxDrainedBytes` (past it the connection is closed after all), and in time by the
 * server's request timeout, which holds until the body has ended.
 */
export function drainUnreadBodies(app: FastifyInstance, maxDrainedBytes = MAX_DRAINED_BYTES): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const raw = req.raw;
    if (raw.complete || raw.destroyed) return payload;
    reply.removeHeader('connection');
    let drained = 0;
    raw.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > maxDrainedBytes) raw.socket?.destroy();
    });
    // Node drops the rest of an unread body once the answer is sent; a body Fastify stopped
    // reading part-way is still flowing, and this listener keeps it so.
    raw.resume();
    return payload;
  });
}
