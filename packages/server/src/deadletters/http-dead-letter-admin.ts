import type { DeadLetterActionResponse, DeadLetterInfo, DeadLetterListResponse, ErrorBody } from '@gosight/shared';
import type { DeadLetter, DeadLetterQuery } from '../store/index.js';
import type { DeadLetterAdmin, LetterSelection } from './dead-letter-admin.js';

/**
 * `DeadLetterAdmin` through a running server's `/api/dead-letters` (what `gosight dead-letters`
 * uses). With accounts, dead letters need a server admin: `token` is a server-wide API token.
 */
export class HttpDeadLetterAdmin implements DeadLetterAdmin {
  private readonly auth: Record<string, string>;

  constructor(private readonly baseUrl: string, token?: string) {
    this.auth = token ? { authorization: `Bearer ${token}` } : {};
  }

  list(query: DeadLetterQuery): Promise<DeadLetterListResponse> {
    const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
    if (query.sessionId) params.set('sessionId', query.sessionId);
    return this.json<DeadLetterListResponse>(`/api/dead-letters?${params}`);
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const res = await fetch(`${this.baseUrl}/api/dead-letters/${encodeURIComponent(id)}`, { headers: this.auth });
    if (res.status === 404) return undefined;
    const { bytes: _bytes, ...info } = await answer<DeadLetterInfo>(res);
    const message = await fetch(`${this.baseUrl}/api/dead-letters/${encodeURIComponent(id)}/message`, { headers: this.auth });
    if (!message.ok) await answer(message);
    return { ...info, message: Buffer.from(await message.arrayBuffer()) };
  }

  retry(selection: LetterSelection): Promise<DeadLetterActionResponse> {
    return this.json('/api/dead-letters/retry', selection);
  }

  drop(selection: LetterSelection): Promise<DeadLetterActionResponse> {
    return this.json('/api/dead-letters/drop', selection);
  }

  private async json<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, body === undefined ? { headers: this.auth } : {
      method: 'POST', headers: { ...this.auth, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    return answer<T>(res);
  }
}

/** The JSON of a 2xx answer; otherwise an error carrying the server's message. */
async function answer<T>(res: Response): Promise<T> {
  const text = await res.text();
  if (res.ok) return JSON.parse(text) as T;
  let message = text.slice(0, 500);
  try {
    message = (JSON.parse(text) as ErrorBody).error.message;
  } catch {
    // Not one of our error bodies: show the text.
  }
  const hint = res.status === 401 || res.status === 403
    ? '\nDead letters need a server admin: set GOSIGHT_TOKEN to a server-wide token (gosight tokens create --email <admin> --server).' : '';
  throw new Error(`the server answered ${res.status}: ${message}${hint}`);
}
