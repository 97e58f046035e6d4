import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs on stdout, one object per line. Secrets are redacted by key.
 * `asynchronous` (the server): lines are written off the event loop (pino's asynchronous SonicBoom
 * destination, flushed by pino at exit), so that a request's log line never blocks the next request on a
 * slow pipe. Lines are gathered up to 4 kB per write and written at least every 200 ms (SonicBoom's
 * `minLength` and `periodicFlush`): a write per log line is a system call per request. Warnings and errors are written at once, as
 * is "hub ready" (`logger.flush()`); pino flushes at exit. Commands keep synchronous writes.
 */
export function createLogger(level: string, name = 'component2-hub', asynchronous = false): Logger {
  return pino(
    {
      name,
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'password',
          '*.password',
          'databaseUrl',
          '*.databaseUrl',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '***',
      },
      ...(asynchronous && {
        hooks: {
          logMethod(this: pino.Logger, args: Parameters<pino.LogFn>, method: pino.LogFn, level: number) {
            method.apply(this, args);
            if (level >= pino.levels.values.warn) this.flush();
          },
        },
      }),
    },
    asynchronous ? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 }) : undefined,
  );
}
