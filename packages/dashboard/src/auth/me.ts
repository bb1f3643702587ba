import type { MeResponse } from '@gosight/shared';
import { getJson } from '../api/getJson.js';

export { UNAUTHENTICATED_EVENT } from '../api/getJson.js';

export type { ProjectAccess, ProjectRole, MeResponse as Me } from '@gosight/shared';

/** `GET /api/auth/me`: who the dashboard acts as, and the projects they may open. */
export const fetchMe = (): Promise<MeResponse> => getJson<MeResponse>('/api/auth/me');
