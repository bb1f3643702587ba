export { ReplayProcessor, type ProcessorConfig, type ProcessorDeps, type ProcessorObserver } from './replay-processor.js';
export type { ProcessorStatus } from './processor-health.js';
