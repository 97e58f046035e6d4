import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseStartError } from './database-start-error';
import { commandLineIncludes } from './postgres-host';
import { isAlive } from './process-state';

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
export function claimDataDirectory(dataDir: string): void {
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

export function releaseDataDirectory(dataDir: string): void {
  const lock = path.join(dataDir, HUB_LOCK);
  try {
    if (Number(fs.readFileSync(lock, 'utf8').trim()) === process.pid) fs.rmSync(lock, { force: true });
  } catch {
    // already gone
  }
}
