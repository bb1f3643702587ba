import { getJson } from '../api/getJson.js';
import { sendJson } from '../api/sendJson.js';
import type { ProjectRole } from '../auth/me.js';

export interface ProjectSettings {
  id: string;
  name: string;
  allowedOrigins: string[];
  retentionDays?: number;
  createdAt: number;
}

export interface IngestKey {
  key: string;
  projectId: string;
  createdAt: number;
  revokedAt?: number;
}

export interface Member {
  projectId: string;
  userId: string;
  email: string;
  role: ProjectRole;
  addedAt: number;
}

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  projectId: string;
  target: string;
  detail: string;
}

/** `GET /api/projects/:id`: members only for admins. */
export interface ProjectDetails {
  project: ProjectSettings;
  keys: IngestKey[];
  members?: Member[];
}

const base = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

export const projectApi = {
  details: (id: string) => getJson<ProjectDetails>(base(id)),
  update: (id: string, change: { name?: string; allowedOrigins?: string[]; retentionDays?: number | null }) =>
    sendJson<{ project: ProjectSettings }>('PATCH', base(id), change),
  addKey: (id: string) => sendJson<{ key: IngestKey }>('POST', `${base(id)}/keys`, {}),
  revokeKey: (id: string, key: string) => sendJson<{ key: IngestKey }>('POST', `${base(id)}/keys/${encodeURIComponent(key)}/revoke`, {}),
  setMember: (id: string, email: string, role: ProjectRole) => sendJson<{ member: Member }>('PUT', `${base(id)}/members`, { email, role }),
  removeMember: (id: string, userId: string) => sendJson<{ removed: boolean }>('DELETE', `${base(id)}/members/${encodeURIComponent(userId)}`),
  deleteUserSessions: (id: string, userId: string) =>
    sendJson<{ deleted: number; sessionIds: string[] }>('POST', `${base(id)}/sessions/delete`, { userId }),
  audit: (id: string) => getJson<{ entries: AuditEntry[]; total: number }>(`/api/audit?project=${encodeURIComponent(id)}&limit=50`),
  create: (id: string, name: string) => sendJson<{ project: ProjectSettings }>('POST', '/api/projects', { id, name }),
};
