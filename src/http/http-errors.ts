import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/**
 * Errors raised before GraphQL runs (body too large, malformed JSON) answered
 * in the GraphQL error shape with their HTTP status, never an HTML stack trace.
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const known: Record<number, [string, string]> = {
      413: ['PAYLOAD_TOO_LARGE', 'Request body is larger than the server accepts'],
      415: ['UNSUPPORTED_MEDIA_TYPE', 'Send application/json'],
    };
    const [code, message] =
      known[status] ?? (status === 500 ? ['INTERNAL_SERVER_ERROR', 'Internal server error'] : ['BAD_REQUEST', 'Malformed request body: send valid JSON']);
    if (status === 500) logger.error({ err: error }, 'unhandled HTTP error');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/** JSON.parse of the raw body read earlier; malformed JSON is a 400 in the GraphQL error shape. */
export const parseJsonBody: RequestHandler = (req, res, next) => {
  if (!Buffer.isBuffer(req.body)) return next();
  const raw = req.body;
  try {
    req.body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    res.status(400).json({ errors: [{ message: 'Malformed request body: send valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  next();
};
