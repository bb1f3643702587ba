export type { DeadLetterAdmin, LetterSelection } from './dead-letter-admin.js';
export { LocalDeadLetterAdmin } from './local-dead-letter-admin.js';
export { HttpDeadLetterAdmin } from './http-dead-letter-admin.js';
