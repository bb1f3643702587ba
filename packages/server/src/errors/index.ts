export { ERRORS, errorCode, type ErrorName } from './catalogue.js';
export { GoSightError, isGoSightError } from './gosight-error.js';
