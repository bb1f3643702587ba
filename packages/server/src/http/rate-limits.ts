import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { GoSightError } from '../errors/index.js';

export interface RateLimit {
  /** Requests allowed per window; 0 turns the limit off. */
  max: number;
  windowMs: number;
}

/**
 * Registers @fastify/rate-limit in `app` without limiting any route by itself, so each
 * route picks its limits (`limiter`). A refusal is our RATE_LIMITED error: 429 with
 * Retry-After, which the SDK honours like a 503.
 */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => new GoSightError('RATE_LIMITED',
      `too many requests ${context.max === 1 ? '' : `(at most ${context.max} `}per ${Math.round(context.ttl / 1000) || 1} s${context.max === 1 ? '' : ')'}: retry in ${context.after}`,
      { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}

/** A preHandler counting requests by `key` (undefined skips the request). */
export function limiter(app: FastifyInstance, name: string, limit: RateLimit,
  key: (req: FastifyRequest) => string | undefined): preHandlerAsyncHookHandler {
  if (limit.max <= 0) return async () => undefined;
  const check = app.rateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    groupId: name,
    keyGenerator: (req) => `${name}:${key(req) ?? ''}`,
    allowList: (req) => key(req) === undefined,
  });
  return async function countRequest(this: FastifyInstance, req, reply) {
    await (check as unknown as preHandlerAsyncHookHandler).call(this, req, reply);
    allowAnotherLimit(req);
  };
}

/**
 * The plugin counts a request once, whatever the number of limiters on its route: it marks
 * the request after the first. A route here has two independent limits (address and key,
 * or address and e-mail), so the mark is cleared for the next limiter to count too.
 */
function allowAnotherLimit(req: FastifyRequest): void {
  for (const symbol of Object.getOwnPropertySymbols(req)) {
    if (symbol.description === 'fastify.request.rateLimitRan') (req as unknown as Record<symbol, boolean>)[symbol] = false;
  }
}
