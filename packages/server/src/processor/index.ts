export { ReplayProcessor, type ProcessorConfig, type ProcessorDeps } from './replay-processor.js';
