import type { FastifyInstance } from 'fastify';
import { UUID_PATTERN } from '@gosight/shared';
import { GoSightError } from '../errors/index.js';
import type { DeadLetterAdmin, LetterSelection } from '../deadletters/index.js';
import { toDeadLetterInfo } from '../store/index.js';
import { int } from './parse-list-query.js';

/**
 * `/api/dead-letters`: batches the processor set aside. List and inspect them (the kept
 * message downloads as it was queued), retry them once the cause is fixed, or drop them.
 */
export async function deadLetterRoutes(app: FastifyInstance, admin: DeadLetterAdmin): Promise<void> {
  app.get('/api/dead-letters', async (req) => {
    const q = req.query as Record<string, string | undefined>;
    const sessionId = q.sessionId ? uuid(q.sessionId, 'sessionId') : undefined;
    return admin.list({ limit: int(q.limit, 'limit', 1, 500) ?? 50, offset: int(q.offset, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0, sessionId });
  });

  app.get('/api/dead-letters/:id', async (req) => toDeadLetterInfo(await found(admin, idParam(req.params))));

  app.get('/api/dead-letters/:id/message', async (req, reply) => {
    const letter = await found(admin, idParam(req.params));
    return reply.type('application/octet-stream')
      .header('Content-Disposition', `attachment; filename="dead-letter-${letter.id}.bin"`)
      .send(letter.message);
  });

  app.post('/api/dead-letters/retry', async (req) => admin.retry(selection(req.body)));
  app.post('/api/dead-letters/drop', async (req) => admin.drop(selection(req.body)));
}

async function found(admin: DeadLetterAdmin, id: string) {
  const letter = await admin.get(id);
  if (!letter) throw new GoSightError('DEAD_LETTER_NOT_FOUND', `no dead letter ${id}`);
  return letter;
}

const idParam = (params: unknown): string => uuid((params as { id?: string }).id ?? '', 'dead letter id');

function uuid(value: string, name: string): string {
  if (!UUID_PATTERN.test(value)) throw new GoSightError('INVALID_REQUEST', `${name} must be a UUID (got "${value.slice(0, 40)}")`);
  return value.toLowerCase();
}

/** `{ "ids": [...] }` or `{ "all": true, "sessionId"?: "..." }`. */
function selection(body: unknown): LetterSelection {
  const b = (body ?? {}) as { ids?: unknown; all?: unknown; sessionId?: unknown };
  if (Array.isArray(b.ids) && b.ids.length > 0 && b.ids.length <= 10_000) return { ids: b.ids.map((id) => uuid(String(id), 'ids[]')) };
  if (b.all === true) return { all: true, ...(typeof b.sessionId === 'string' ? { sessionId: uuid(b.sessionId, 'sessionId') } : {}) };
  throw new GoSightError('INVALID_REQUEST', 'send {"ids": ["<id>", …]} or {"all": true} (with "sessionId" to limit it to one session)');
}
