export { SessionEraser, type ErasedReport, type EraserDeps } from './session-eraser.js';
export { RetentionSweeper } from './retention-sweeper.js';
