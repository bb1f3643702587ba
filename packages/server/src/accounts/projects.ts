import { GoSightError } from '../errors/index.js';
import type { IngestKeyRecord, MemberRecord, ProjectRecord, ProjectRole } from './account-records.js';
import type { AccountStore } from './account-store.js';
import { newSecret } from './secrets.js';

const PROJECT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const MAX_ORIGINS = 100;
export const MAX_RETENTION_DAYS = 3650;

export interface ProjectSettings {
  name?: string;
  allowedOrigins?: string[];
  /** null returns to the server's default. */
  retentionDays?: number | null;
}

export const memberId = (projectId: string, userId: string): string => `${projectId}/${userId}`;

/** A new ingest key: public (it ships in every recorded page), so only unguessable, not secret. */
export const newIngestKey = (): string => `gs_${newSecret().slice(0, 32)}`;

/** Projects, their ingest keys, allowed origins, retention and members. */
export class Projects {
  constructor(private readonly store: AccountStore) {}

  list(): Promise<ProjectRecord[]> {
    return this.store.list('project');
  }

  get(id: string): Promise<ProjectRecord | undefined> {
    return this.store.get('project', id);
  }

  async require(id: string): Promise<ProjectRecord> {
    const project = PROJECT_ID.test(id) ? await this.get(id) : undefined;
    if (!project) throw new GoSightError('PROJECT_NOT_FOUND', `no project "${id.slice(0, 64)}"`);
    return project;
  }

  /** A new project with one ingest key (`key` when given, e.g. the one an existing snippet uses). */
  async create(id: string, name?: string, key?: string, now = Date.now()): Promise<{ project: ProjectRecord; key: IngestKeyRecord }> {
    if (!PROJECT_ID.test(id)) throw new GoSightError('INVALID_REQUEST', `"${id.slice(0, 64)}" is not a project id: lower-case letters, digits, - and _, at most 63`);
    if (await this.get(id)) throw new GoSightError('CONFLICT', `a project "${id}" exists already`);
    const project: ProjectRecord = { id, name: (name ?? '').trim().slice(0, 200) || id, allowedOrigins: [], createdAt: now };
    await this.store.put('project', id, project);
    return { project, key: await this.addKey(id, key, now) };
  }

  async update(id: string, settings: ProjectSettings): Promise<ProjectRecord> {
    const project = await this.require(id);
    const next: ProjectRecord = { ...project };
    if (settings.name !== undefined) next.name = settings.name.trim().slice(0, 200) || project.name;
    if (settings.allowedOrigins !== undefined) next.allowedOrigins = normalizeOrigins(settings.allowedOrigins);
    if (settings.retentionDays === null) delete next.retentionDays;
    else if (settings.retentionDays !== undefined) {
      const days = settings.retentionDays;
      if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
        throw new GoSightError('INVALID_REQUEST', `retention is a whole number of days from 1 to ${MAX_RETENTION_DAYS}`);
      }
      next.retentionDays = days;
    }
    await this.store.put('project', id, next);
    return next;
  }

  /** Removes a project's record, keys and members (its sessions are deleted by the caller first). */
  async remove(id: string): Promise<void> {
    await this.require(id);
    for (const k of await this.keys(id)) await this.store.remove('key', k.key);
    for (const m of await this.members(id)) await this.store.remove('member', memberId(id, m.userId));
    await this.store.remove('project', id);
  }

  async keys(projectId: string): Promise<IngestKeyRecord[]> {
    return (await this.store.list('key')).filter((k) => k.projectId === projectId).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Adds a key; the old ones keep working until revoked, so pages with the old snippet are not lost. */
  async addKey(projectId: string, key = newIngestKey(), now = Date.now()): Promise<IngestKeyRecord> {
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(key)) throw new GoSightError('INVALID_REQUEST', 'an ingest key is 8 to 128 letters, digits, - or _');
    const existing = await this.store.get('key', key);
    if (existing && existing.projectId !== projectId) throw new GoSightError('CONFLICT', 'that key belongs to another project');
    if (existing && !existing.revokedAt) return existing;
    const record: IngestKeyRecord = { key, projectId, createdAt: now };
    await this.store.put('key', key, record);
    return record;
  }

  async revokeKey(projectId: string, key: string, now = Date.now()): Promise<IngestKeyRecord> {
    const record = await this.store.get('key', key);
    if (!record || record.projectId !== projectId) throw new GoSightError('NOT_FOUND', 'no such key in this project');
    const revoked = { ...record, revokedAt: record.revokedAt ?? now };
    await this.store.put('key', key, revoked);
    return revoked;
  }

  async members(projectId: string): Promise<MemberRecord[]> {
    return (await this.store.list('member')).filter((m) => m.projectId === projectId);
  }

  async setMember(projectId: string, userId: string, role: ProjectRole, now = Date.now()): Promise<MemberRecord> {
    if (role !== 'viewer' && role !== 'admin') throw new GoSightError('INVALID_REQUEST', 'a role is "viewer" or "admin"');
    await this.require(projectId);
    const existing = await this.store.get('member', memberId(projectId, userId));
    const member: MemberRecord = { projectId, userId, role, addedAt: existing?.addedAt ?? now };
    await this.store.put('member', memberId(projectId, userId), member);
    return member;
  }

  async removeMember(projectId: string, userId: string): Promise<void> {
    if (!(await this.store.get('member', memberId(projectId, userId)))) throw new GoSightError('NOT_FOUND', 'that user is not a member of this project');
    await this.store.remove('member', memberId(projectId, userId));
  }
}

/** `https://Shop.example:443/path` → `https://shop.example`; anything that is not an http(s) origin is refused. */
export function normalizeOrigins(origins: string[]): string[] {
  if (origins.length > MAX_ORIGINS) throw new GoSightError('INVALID_REQUEST', `at most ${MAX_ORIGINS} allowed origins`);
  const out = new Set<string>();
  for (const raw of origins) {
    const text = raw.trim();
    if (!text) continue;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new GoSightError('INVALID_REQUEST', `"${text.slice(0, 100)}" is not an origin such as https://shop.example`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new GoSightError('INVALID_REQUEST', `"${text.slice(0, 100)}" is not an http(s) origin`);
    out.add(url.origin);
  }
  return [...out];
}
