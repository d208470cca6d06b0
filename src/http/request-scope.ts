import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestInfo } from '../context/request-info.js';

const clientRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/** Each request's id (the caller's x-request-id when it is sane, else a UUID) and statement counter; the id is echoed. */
export function startRequest(req: IncomingMessage, res: ServerResponse, budgetMs: number): RequestInfo {
  const given = req.headers['x-request-id'];
  const info: RequestInfo = {
    requestId: typeof given === 'string' && clientRequestId.test(given) ? given : randomUUID(),
    statements: { count: 0 },
    deadline: Date.now() + budgetMs,
  };
  res.setHeader('x-request-id', info.requestId);
  return info;
}
