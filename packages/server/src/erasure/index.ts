export { SessionEraser, type ErasedReport, type EraserDeps } from './session-eraser.js';
