import type { Logger } from '../logger';
import { errorMessage } from './postgres-host';

/** `running`; `restarting` after the postmaster died; `failed` when restarts gave up; `stopped` after `stop()`. */
export type EmbeddedState = 'running' | 'restarting' | 'failed' | 'stopped';

/** Waits between restart attempts of a dead postmaster; after the last one the state is `failed`. */
const RESTART_BACKOFF_MS = [0, 250, 500, 1_000, 2_000, 4_000];

/** What the supervisor watches and restarts. */
export interface Supervised {
  state: EmbeddedState;
  /** True, false, or null when it cannot be told (pidFileAlive). */
  postmasterAlive(): boolean | null;
  restartServer(): Promise<void>;
  logTail(lines?: number): string[];
}

/**
 * Checks the postmaster every 250 ms; if it died, restarts it with backoff (the pool reconnects by
 * itself). `state` says where it stands: `/readyz` answers 503 while `restarting`, `/healthz` fails
 * once `failed`, so that an orchestrator replaces the process. A postmaster that cannot be checked (its
 * pid file unreadable for want of file descriptors) is not restarted; one found running again after
 * `failed` (restarted by hand) makes the state `running` again.
 */
export function superviseServer(server: Supervised, logger: Logger): NodeJS.Timeout {
  let restarting = false;
  const timer = setInterval(() => {
    if (restarting) return;
    if (server.state === 'failed' && server.postmasterAlive() === true) {
      server.state = 'running';
      logger.warn('embedded PostgreSQL is running again');
      return;
    }
    if (server.state !== 'running' || server.postmasterAlive() !== false) return;
    restarting = true;
    server.state = 'restarting';
    logger.error('embedded PostgreSQL stopped unexpectedly; restarting it');
    void restart(server, logger).finally(() => {
      restarting = false;
    });
  }, 250);
  timer.unref();
  return timer;
}

async function restart(server: Supervised, logger: Logger): Promise<void> {
  for (const [attempt, wait] of RESTART_BACKOFF_MS.entries()) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    if (server.state === 'stopped') return;
    try {
      await server.restartServer();
      server.state = 'running';
      logger.warn({ attempt: attempt + 1 }, 'embedded PostgreSQL restarted');
      return;
    } catch (error) {
      logger.error(
        { attempt: attempt + 1, err: errorMessage(error), postgresLog: server.logTail(4) },
        'embedded PostgreSQL restart failed',
      );
    }
  }
  if (server.state === 'restarting') {
    server.state = 'failed';
    logger.fatal('embedded PostgreSQL could not be restarted; /healthz now fails');
  }
}
