import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Structured JSON logs; never variables or bodies unless asked for. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: 'listings-kb' } });
}

export type { Logger };
