import type { ServerResponse } from 'node:http';

/** HTTP statuses answered before GraphQL runs, with the code and message clients see. */
export const httpErrors = {
  400: ['BAD_REQUEST', 'Malformed request body: send valid JSON'],
  404: ['NOT_FOUND', 'Not found: the API is at /graphql'],
  405: ['METHOD_NOT_ALLOWED', 'Method not allowed: this path answers GET and HEAD'],
  413: ['PAYLOAD_TOO_LARGE', 'Request body is larger than the server accepts'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported content encoding: send identity, gzip, deflate or br'],
  500: ['INTERNAL_SERVER_ERROR', 'Internal server error'],
  503: ['SERVICE_UNAVAILABLE', 'Service unavailable'],
} as const;

/** An error in the GraphQL error shape with its HTTP status, never an HTML page or a stack trace. */
export function sendHttpError(
  res: ServerResponse,
  status: keyof typeof httpErrors,
  options: { close?: boolean; code?: string; message?: string; headers?: Record<string, string> } = {},
) {
  if (res.headersSent) return void res.destroy();
  const [code, message] = [options.code ?? httpErrors[status][0], options.message ?? httpErrors[status][1]];
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // An unread body would be taken for the next request on this connection.
    ...(options.close ? { connection: 'close' } : {}),
    ...options.headers,
  });
  res.end(body);
}
