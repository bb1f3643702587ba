import type { ErrorBody } from '@gosight/shared';

/** A failed API answer: HTTP status plus the server's stable error code when it sent one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Builds the error from a non-2xx response, reading the `ErrorBody` if there is one. */
  static async fromResponse(response: Response): Promise<ApiError> {
    const fallback = `${response.status} ${response.statusText}`.trim();
    try {
      const body = (await response.json()) as Partial<ErrorBody>;
      if (body.error?.message) return new ApiError(body.error.message, response.status, body.error.code ?? null);
    } catch {
      // Not JSON (a proxy error page, say): the status line has to do.
    }
    return new ApiError(`Request failed: ${fallback}`, response.status, null);
  }
}
