import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface ProjectIdentity {
  projectId: string;
  projectKey: string;
  /** Where the key came from, for the start-up banner. */
  source: 'setting' | 'project file' | 'generated';
}

/**
 * The embedded default project's ingest key: the configured one if set, else the one kept
 * in `<dataDir>/project.json`, else a new random key written there, so the key survives
 * restarts and SDK snippets keep working.
 */
export function resolveProjectKey(dataDir: string, projectId: string, configured: string | undefined): ProjectIdentity {
  if (configured) return { projectId, projectKey: configured, source: 'setting' };
  const file = join(dataDir, 'project.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { projectKey?: string };
    if (saved.projectKey) return { projectId, projectKey: saved.projectKey, source: 'project file' };
  }
  const projectKey = `gs_${randomBytes(16).toString('hex')}`;
  writeFileSync(file, `${JSON.stringify({ projectId, projectKey }, null, 2)}\n`, { mode: 0o600 });
  return { projectId, projectKey, source: 'generated' };
}
