import type { ColdStore } from '../coldstore/index.js';

/** One captured asset as a session's replay finds it: the URL it had, the blob that holds it. */
export interface SessionAsset {
  /** sha256 of the bytes, hex: the blob's name, shared by every session of the project that used them. */
  hash: string;
  type: string;
  bytes: number;
}

/** A session's captured assets by the absolute URL the recording used. */
export type AssetIndex = Record<string, SessionAsset>;

const HASH = /^[0-9a-f]{64}$/;

/**
 * Captured assets in object storage (the cold store: a directory, or S3), so they live where
 * archived sessions live. Content-addressed per project:
 *
 *   assets/{projectId}/blobs/{sha256}             the bytes, stored once per project
 *   assets/{projectId}/sessions/{sessionId}.json  URL → blob for one session
 */
export class AssetLibrary {
  constructor(private readonly store: ColdStore) {}

  /** Stores bytes under their hash unless the project has them already; true when stored now. */
  async putBlob(projectId: string, hash: string, bytes: Buffer): Promise<boolean> {
    const key = blobKey(projectId, hash);
    if ((await this.store.size(key)) !== undefined) return false;
    await this.store.put(key, bytes);
    return true;
  }

  async getBlob(projectId: string, hash: string): Promise<Buffer | undefined> {
    return HASH.test(hash) ? this.store.get(blobKey(projectId, hash)) : undefined;
  }

  async readIndex(projectId: string, sessionId: string): Promise<AssetIndex> {
    const body = await this.store.get(indexKey(projectId, sessionId));
    return body ? (JSON.parse(body.toString('utf8')) as AssetIndex) : {};
  }

  async writeIndex(projectId: string, sessionId: string, index: AssetIndex): Promise<void> {
    await this.store.put(indexKey(projectId, sessionId), Buffer.from(JSON.stringify(index)));
  }

  /** Ids of the sessions with an asset index. */
  async sessionIds(projectId: string): Promise<string[]> {
    const prefix = `assets/${projectId}/sessions/`;
    return (await this.store.list(prefix)).map((key) => key.slice(prefix.length).replace(/\.json$/, ''));
  }

  /** Removes a session's index (its blobs stay while other sessions use them; see `sweepBlobs`). */
  async deleteSession(projectId: string, sessionId: string): Promise<void> {
    await this.store.delete(indexKey(projectId, sessionId));
  }

  /** Deletes the project's blobs no session index names any more; returns how many. */
  async sweepBlobs(projectId: string): Promise<number> {
    const used = new Set<string>();
    for (const key of await this.store.list(`assets/${projectId}/sessions/`)) {
      const body = await this.store.get(key);
      if (body) for (const asset of Object.values(JSON.parse(body.toString('utf8')) as AssetIndex)) used.add(asset.hash);
    }
    let removed = 0;
    for (const key of await this.store.list(`assets/${projectId}/blobs/`)) {
      if (used.has(key.slice(key.lastIndexOf('/') + 1))) continue;
      await this.store.delete(key);
      removed++;
    }
    return removed;
  }
}

const blobKey = (projectId: string, hash: string) => `assets/${projectId}/blobs/${hash}`;
const indexKey = (projectId: string, sessionId: string) => `assets/${projectId}/sessions/${sessionId}.json`;
