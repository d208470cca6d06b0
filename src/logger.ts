import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

// No code logs headers or secrets; these paths keep a future `logger.info({ req })` from leaking a key.
const redact = {
  paths: [
    'authorization',
    'secret',
    'headers.authorization',
    'req.headers.authorization',
    'request.headers.authorization',
    '*.authorization',
    '*.secret',
    '*.headers.authorization',
  ],
  censor: '[redacted]',
};

/** Structured JSON logs; never variables, bodies, secrets or Authorization headers. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: 'listings-kb' }, redact }, destination);
}

export type { Logger };
