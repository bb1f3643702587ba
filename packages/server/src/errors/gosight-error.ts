import { ERRORS, errorCode, type ErrorName } from './catalogue.js';

/** An error with a stable code and HTTP status from the catalogue. */
export class GoSightError extends Error {
  readonly code: string;
  readonly statusCode: number;
  /** For a temporary outage (503) or a rate limit (429): when the client should try again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(readonly name_: ErrorName, message?: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message ?? ERRORS[name_].message, options);
    this.name = 'GoSightError';
    this.code = errorCode(name_);
    this.statusCode = ERRORS[name_].status;
    const entry = ERRORS[name_] as { retryAfterSeconds?: number };
    this.retryAfterSeconds = options?.retryAfterSeconds ?? entry.retryAfterSeconds;
  }
}

export const isGoSightError = (err: unknown): err is GoSightError => err instanceof GoSightError;
