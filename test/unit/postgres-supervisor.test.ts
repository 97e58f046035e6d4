import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pidFileAlive } from '../../src/db/process-state';
import { type EmbeddedState, superviseServer, type Supervised } from '../../src/db/postgres-supervisor';
import { createLogger } from '../../src/logger';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded PostgreSQL supervisor', () => {
  it('reads a pid file: running, gone, or cannot tell (too many open files is not a death)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pidfile-'));
    const file = path.join(dir, 'postmaster.pid');
    try {
      expect(pidFileAlive(file)).toBe(false); // no file
      fs.writeFileSync(file, `${process.pid}\n/data\n`);
      expect(pidFileAlive(file)).toBe(true);
      fs.writeFileSync(file, '2147483646\n');
      expect(pidFileAlive(file)).toBe(false); // no such process
      const emfile = () => {
        throw Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
      };
      expect(pidFileAlive(file, emfile)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('restarts a dead postmaster, never one it cannot check, and is running again when the postmaster is back', async () => {
    let alive: boolean | null = null;
    let restarts = 0;
    const server: Supervised & { state: EmbeddedState } = {
      state: 'running',
      postmasterAlive: () => alive,
      restartServer: async () => {
        restarts += 1;
        alive = true;
      },
      logTail: () => [],
    };
    const timer = superviseServer(server, createLogger('silent'));
    try {
      await wait(700); // cannot tell, three checks in a row
      expect([server.state, restarts]).toEqual(['running', 0]);
      alive = false;
      await wait(700);
      expect([server.state, restarts]).toEqual(['running', 1]);
      server.state = 'failed'; // as after the last failed restart
      await wait(400);
      expect(server.state).toBe('running');
    } finally {
      clearInterval(timer);
    }
  });
});
