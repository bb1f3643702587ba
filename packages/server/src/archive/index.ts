export { runArchive, type ArchiveRunOptions, type ArchiveProgress } from './archive-run.js';
export { archiveSession, type ArchiveOutcome } from './archive-session.js';
export { ArchiveAwareReader, type ReplayReader } from './archive-aware-reader.js';
export { ARCHIVE_FORMAT, archiveKey, buildArchiveObject, type ArchiveTrailer } from './archive-object.js';
