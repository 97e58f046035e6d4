/**
 * Stops an embedded PostgreSQL once the hub process that started it is gone, however it went (a crash,
 * `kill -9`, a parent that died without passing a signal on). Started detached by `EmbeddedPostgres`,
 * as the OS user that runs PostgreSQL; polls the hub's pid and runs `pg_ctl stop -m fast` when it is gone.
 *
 * Usage: node postgres-watchdog.js <hub pid> <pg_ctl> <cluster directory>
 */
import { execFile } from 'node:child_process';
import { isAlive, isZombie } from './process-state';

const [hubPidText, pgCtl, clusterDir] = process.argv.slice(2);
const hubPid = Number(hubPidText);

if (!Number.isInteger(hubPid) || hubPid <= 0 || !pgCtl || !clusterDir) process.exit(2);
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);

const timer = setInterval(() => {
  if (isAlive(hubPid) && !isZombie(hubPid)) return;
  clearInterval(timer);
  execFile(
    pgCtl,
    ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '10'],
    { timeout: 15_000, env: { ...process.env, LC_ALL: 'C' } },
    () => process.exit(0),
  );
}, 250);
