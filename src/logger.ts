import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

/** Structured JSON logs; never variables or bodies unless asked for. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: 'listings-kb' } }, destination);
}

export type { Logger };
