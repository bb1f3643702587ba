export { ingestRoutes, type IngestDeps, type IngestLimits } from './ingest-routes.js';
export { ingestPrivacyPolicy } from './scrub-batch.js';
export { StaticProjectKeys, type ProjectResolver } from './project-keys.js';

