import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Where a token or secret could ever sit in a logged object. The access log never logs
 * headers or bodies (server/security/request-context.ts); this is the second line of defence.
 */
const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'jwtSecret',
  '*.jwtSecret',
  'password',
  '*.password',
];

/** Structured JSON logs (one object per line); `destination` is for tests that read them. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
