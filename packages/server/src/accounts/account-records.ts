import type { IngestKey, Project, ProjectRole } from '@gosight/shared';

export type { AuditEntry, ProjectRole } from '@gosight/shared';

export interface UserRecord {
  id: string;
  /** Login name, lower-cased. */
  email: string;
  name: string;
  /** argon2id hash (passwords.ts). */
  passwordHash: string;
  /** Server admins manage users and projects and can read every project. */
  serverAdmin: boolean;
  createdAt: number;
}

export type ProjectRecord = Project;

/** A public ingest key; a rotated-out key stays valid until it is revoked. */
export type IngestKeyRecord = IngestKey;

export interface MemberRecord {
  projectId: string;
  userId: string;
  role: ProjectRole;
  addedAt: number;
}

/** An API token for scripts: a user's access, narrowed to some projects. Only a hash of its secret is kept. */
export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  secretHash: string;
  /** Projects the token may act on (a subset of its user's). */
  projectIds: string[];
  /** A server admin's token for server-wide work (dead letters, users): every project, as its owner. */
  serverWide?: boolean;
  createdAt: number;
  revokedAt?: number;
}

/** A dashboard login: the cookie carries the secret, the store only its hash (the record's id). */
export interface LoginRecord {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
}

export interface RecordKinds {
  user: UserRecord;
  project: ProjectRecord;
  key: IngestKeyRecord;
  member: MemberRecord;
  token: TokenRecord;
  login: LoginRecord;
}

export type RecordKind = keyof RecordKinds;
