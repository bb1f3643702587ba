import type { Role } from '../app/start-server.js';

export interface CommandSpec {
  summary: string;
  /** Roles a server command runs; undefined for the archive job and dead-letters. */
  roles?: Role[];
}

/** Every `gosight` command. `start` is what `npm start` runs. */
export const COMMANDS: Record<string, CommandSpec> = {
  start: {
    summary: 'All-in-one: ingest, queue, processor, store, API, dashboard, SDK and demo in one process (embedded by default).',
    roles: ['ingest', 'process', 'api'],
  },
  ingest: {
    summary: 'Ingest only: POST /v1/replay onto the replay topic. Run several behind a load balancer (needs --queue kafka).',
    roles: ['ingest'],
  },
  process: {
    summary: 'Processor only: a consumer of the replay topic writing chunks to ClickHouse; serves /api/health and /metrics on --port. Start more for more throughput (needs --queue kafka).',
    roles: ['process'],
  },
  api: {
    summary: 'Read API, dashboard, SDK bundle and demo, over the store and cold storage (use --clickhouse-url to share a server).',
    roles: ['api'],
  },
  archive: {
    summary: 'Moves sessions older than --archive-after-days to cold storage, verified, then deletes their hot chunks. Once, or every --archive-every-ms.',
  },
  'assets-sweep': {
    summary: 'Deletes the captured-asset index of every session that is gone (neither in the store nor archived), then the asset blobs no session uses. Run it after retention or deletions; like archive, not while a server holds the embedded data directory.',
  },
  users: {
    summary: 'Adds, lists and removes the users who log in to the dashboard (add --admin for a server admin); sets passwords.',
  },
  tokens: {
    summary: 'Creates, lists and revokes API tokens for scripts, each limited to some projects.',
  },
  projects: {
    summary: 'Lists and creates projects; rotates and revokes their ingest keys; sets members (viewer or admin).',
  },
  delete: {
    summary: 'Deletes a session, or every session of a user id, from every store (hot, cold, dead letters, captured assets); audited.',
  },
  'dead-letters': {
    summary: 'Lists, shows, retries or drops batches the processor set aside (dead letters).',
  },
};
