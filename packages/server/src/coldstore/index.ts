export { assertSafeKey, type ColdStore } from './cold-store.js';
export { FsColdStore } from './fs-cold-store.js';
export { S3ColdStore, type S3ColdStoreOptions } from './s3-cold-store.js';
