/** JSON shapes of the accounts API (`/api/auth`, `/api/projects`, `/api/audit`), shared by the server and the dashboard. */

/** Viewers read replays; admins also change the project's settings and delete sessions. */
export type ProjectRole = 'viewer' | 'admin';

/** A project's settings. Times are epoch milliseconds. */
export interface Project {
  id: string;
  name: string;
  /** Origins (`https://shop.example`) whose pages may send batches; empty allows any. */
  allowedOrigins: string[];
  /** Days a session is kept; absent keeps the server's default. */
  retentionDays?: number;
  createdAt: number;
}

/** A public ingest key; a rotated-out key stays valid until it is revoked. */
export interface IngestKey {
  key: string;
  projectId: string;
  createdAt: number;
  revokedAt?: number;
}

/** A member as `GET /api/projects/:id` lists them (admins only). */
export interface ProjectMember {
  projectId: string;
  userId: string;
  email: string;
  role: ProjectRole;
  addedAt: number;
}

/** `GET /api/projects/:id`. */
export interface ProjectDetails {
  project: Project;
  keys: IngestKey[];
  members?: ProjectMember[];
}

/** One line of the audit log: who did what, to what, when. */
export interface AuditEntry {
  at: number;
  /** `user:<email>`, `token:<id> (<email>)`, `cli`, `retention` or `local` (loopback without accounts). */
  actor: string;
  action: string;
  /** Empty for server-wide actions (users, projects). */
  projectId: string;
  target: string;
  detail: string;
}

/** A project the caller may open, with their role in it. */
export interface ProjectAccess {
  id: string;
  name: string;
  role: ProjectRole;
}

/** `GET /api/auth/me`: who the caller is, and the projects they may open. */
export interface MeResponse {
  user: { id: string; email: string; name: string; serverAdmin: boolean; createdAt: number } | null;
  /** No account exists and the server listens on loopback: anyone on this machine reads. */
  open: boolean;
  serverAdmin: boolean;
  projects: ProjectAccess[];
}
