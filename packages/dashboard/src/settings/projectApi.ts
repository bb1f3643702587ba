import { getJson } from '../api/getJson.js';
import { sendJson } from '../api/sendJson.js';
import type { AuditEntry, IngestKey, Project, ProjectDetails, ProjectMember, ProjectRole } from '@gosight/shared';

export type { AuditEntry, IngestKey, ProjectDetails, ProjectMember as Member, Project as ProjectSettings } from '@gosight/shared';

const base = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

export const projectApi = {
  details: (id: string) => getJson<ProjectDetails>(base(id)),
  update: (id: string, change: { name?: string; allowedOrigins?: string[]; retentionDays?: number | null }) =>
    sendJson<{ project: Project }>('PATCH', base(id), change),
  addKey: (id: string) => sendJson<{ key: IngestKey }>('POST', `${base(id)}/keys`, {}),
  revokeKey: (id: string, key: string) => sendJson<{ key: IngestKey }>('POST', `${base(id)}/keys/${encodeURIComponent(key)}/revoke`, {}),
  setMember: (id: string, email: string, role: ProjectRole) => sendJson<{ member: ProjectMember }>('PUT', `${base(id)}/members`, { email, role }),
  removeMember: (id: string, userId: string) => sendJson<{ removed: boolean }>('DELETE', `${base(id)}/members/${encodeURIComponent(userId)}`),
  deleteUserSessions: (id: string, userId: string) =>
    sendJson<{ deleted: number; sessionIds: string[] }>('POST', `${base(id)}/sessions/delete`, { userId }),
  audit: (id: string) => getJson<{ entries: AuditEntry[]; total: number }>(`/api/audit?project=${encodeURIComponent(id)}&limit=50`),
  create: (id: string, name: string) => sendJson<{ project: Project }>('POST', '/api/projects', { id, name }),
};
