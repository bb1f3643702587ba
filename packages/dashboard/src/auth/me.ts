import { getJson } from '../api/getJson.js';

export type ProjectRole = 'viewer' | 'admin';

export interface ProjectAccess {
  id: string;
  name: string;
  role: ProjectRole;
}

/** `GET /api/auth/me`: who the dashboard acts as, and the projects they may open. */
export interface Me {
  user: { id: string; email: string; name: string; serverAdmin: boolean } | null;
  /** No account exists and the server listens on loopback: anyone on this machine reads. */
  open: boolean;
  serverAdmin: boolean;
  projects: ProjectAccess[];
}

export const fetchMe = (): Promise<Me> => getJson<Me>('/api/auth/me');

/** Fired on window when any API answer says the login is missing or has expired. */
export const UNAUTHENTICATED_EVENT = 'gosight:unauthenticated';
