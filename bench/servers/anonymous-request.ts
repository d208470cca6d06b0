// What the API's HTTP layer would give a request, for the servers that bypass it
// (E and F): an anonymous caller, no deadline, a fresh statement counter.
import type { Authenticated } from '../../src/auth/principal.js';
import type { RequestInfo } from '../../src/context/request-info.js';

export const anonymousRequest = (): RequestInfo & Authenticated => ({
  requestId: '',
  statements: { count: 0 },
  deadline: Number.MAX_SAFE_INTEGER,
  principal: { kind: 'anonymous', address: '' },
});
