import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout, one object per line. Secrets are redacted by key. */
export function createLogger(level: string, name = 'component2-hub'): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'databaseUrl', '*.databaseUrl', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '***',
    },
  });
}
