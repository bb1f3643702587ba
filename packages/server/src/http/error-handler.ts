import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '@gosight/shared';
import { GoSightError, isGoSightError } from '../errors/index.js';

/** Fastify's own errors that reach clients, mapped onto our catalogue. */
const FASTIFY_CODES: Record<string, GoSightError['name_']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_REQUEST',
};

/** The one place errors become HTTP answers: `{ error: { code, message } }`. */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = asGoSightError(err);
  if (known.statusCode >= 500) req.log.error({ err }, known.message);
  else req.log.info({ code: known.code, url: req.url }, known.message);
  const body: ErrorBody = { error: { code: known.code, message: known.message } };
  // A temporary outage: tell clients (the SDK honours it) when to try again.
  if (known.retryAfterSeconds !== undefined) reply.header('Retry-After', String(known.retryAfterSeconds));
  return reply.code(known.statusCode).type('application/json').send(body);
}

/** The catalogue error an error is answered as. */
export const asGoSightError = (err: FastifyError | Error): GoSightError => (isGoSightError(err) ? err : fromFastify(err as FastifyError));

function fromFastify(err: FastifyError): GoSightError {
  const name = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (name) return new GoSightError(name, err.message);
  if (err.statusCode === 404) return new GoSightError('NOT_FOUND', err.message);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new GoSightError('INVALID_REQUEST', err.message);
  return new GoSightError('INTERNAL', undefined, { cause: err });
}
