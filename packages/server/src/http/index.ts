export { drainUnreadBodies } from './drain-unread-bodies.js';
export { errorHandler, asGoSightError } from './error-handler.js';
export { allowedHostMatcher, enforceAllowedHosts, hostName } from './host-allow-list.js';
export { capConnections, timeoutOptions, type HttpLimits } from './http-limits.js';
export { inlineScriptHashes, registerSecurityHeaders } from './security-headers.js';
export { refuseCrossOriginWrites } from './same-origin-guard.js';
