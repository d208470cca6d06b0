import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { RequestInfo } from '../lib/request-store.js';

const clientRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/** Gives each request an id (the caller's x-request-id when it is sane) and a statement counter. */
export const requestScope: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const info: RequestInfo = {
    requestId: given && clientRequestId.test(given) ? given : randomUUID(),
    statements: { count: 0 },
  };
  res.locals.request = info;
  res.setHeader('x-request-id', info.requestId);
  next();
};

export const requestInfo = (res: { locals: Record<string, unknown> }) => res.locals.request as RequestInfo;
