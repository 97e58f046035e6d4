import fs from 'node:fs';
import { socketDirFor } from '../../src/db/embedded-postgres';
import { spawn } from 'node:child_process';
import { graphql, newDataDir, ROOT, pgCtl, postgresProcessesFor, removeDataDir, runFailingHub, startHub } from '../helpers/hub-process';

/**
 * The hub as a user runs it: `node dist/main.js` with an embedded PostgreSQL in its data directory,
 * over real HTTP. Each test has its own data directory.
 */
describe('hub lifecycle on embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = newDataDir();
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach(removeDataDir));

  it('boots to ready and serves health, readiness, GraphQL (POST and GET) and JSON 404s', async () => {
    const dir = dataDir();
    const hub = await startHub({ HUB_DATA_DIR: dir });
    try {
      expect(await (await fetch(`${hub.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${hub.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });

      const post = await graphql(hub.url, '{ programmes { code } }');
      expect(post.status).toBe(200);
      expect(post.body.data.programmes.map((p: { code: string }) => p.code).sort()).toEqual(['BG05M2OP001', 'BG05M9OP001']);

      const get = await fetch(`${hub.url}/graphql?query=${encodeURIComponent('{ procedure(code: "BG05M9OP001-2.056") { component } }')}`);
      expect(get.status).toBe(200);
      expect(((await get.json()) as any).data.procedure.component).toBe('Компонент 2');

      const missing = await fetch(`${hub.url}/no-such-route`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: 'NOT_FOUND', message: 'No route for GET /no-such-route' });

      const sandbox = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(sandbox.status).toBe(200);
      expect(await sandbox.text()).toContain('sandbox');

      const requestLine = hub.logs().find((entry) => entry.msg === 'request' && entry.path === '/readyz');
      expect(requestLine).toMatchObject({ method: 'GET', status: 200 });
      expect(typeof requestLine!.durationMs).toBe('number');
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });

  it('hides the Sandbox landing page in production unless APOLLO_SANDBOX is set', async () => {
    const hub = await startHub({ HUB_DATA_DIR: dataDir(), NODE_ENV: 'production', HUB_LOAD_SEEDS: 'false' });
    try {
      const page = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('sandbox');
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });

  it('reports 503 on /readyz while the database is down and 200 once it is back', async () => {
    const dir = dataDir();
    const hub = await startHub({ HUB_DATA_DIR: dir, HUB_LOAD_SEEDS: 'false' });
    try {
      expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
      await pgCtl(dir, ['stop', '-m', 'fast', '-w']);
      const down = await fetch(`${hub.url}/readyz`);
      expect(down.status).toBe(503);
      expect(((await down.json()) as any).reason).toMatch(/database unreachable/);
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);

      await pgCtl(dir, ['start', '-w', '-l', `${dir}/postgres.log`, '-o', `-p 5432 -c listen_addresses='' -c unix_socket_directories='${socketDirFor(dir)}'`]);
      const back = await fetch(`${hub.url}/readyz`);
      expect(back.status).toBe(200);
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });

  it('reuses the data directory on restart, and SIGTERM leaves no process behind', async () => {
    const dir = dataDir();
    const first = await startHub({ HUB_DATA_DIR: dir });
    expect(first.logs().some((entry) => entry.msg === 'initialising embedded PostgreSQL cluster')).toBe(true);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(postgresProcessesFor(dir)).toEqual([]);

    const second = await startHub({ HUB_DATA_DIR: dir });
    try {
      expect(second.logs().some((entry) => entry.msg === 'initialising embedded PostgreSQL cluster')).toBe(false);
      expect(second.logs().some((entry) => entry.msg === 'migration applied')).toBe(false);
      const { body } = await graphql(second.url, '{ programmes { code } }');
      expect(body.data.programmes).toHaveLength(2);
    } finally {
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    }
    expect(postgresProcessesFor(dir)).toEqual([]);
  });

  it('recovers when the previous hub was killed with kill -9', async () => {
    const dir = dataDir();
    const first = await startHub({ HUB_DATA_DIR: dir, HUB_LOAD_SEEDS: 'false' });
    first.child.kill('SIGKILL');
    await first.exited;
    expect(postgresProcessesFor(dir).length).toBeGreaterThan(0); // its PostgreSQL outlived it

    const second = await startHub({ HUB_DATA_DIR: dir, HUB_LOAD_SEEDS: 'false' });
    try {
      expect(second.logs().some((entry) => entry.msg === 'stopping a PostgreSQL left running by an earlier hub process')).toBe(true);
      expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    expect(postgresProcessesFor(dir)).toEqual([]);
  });

  it('refuses a second hub on a data directory a live hub is using, without harming the first', async () => {
    const dir = dataDir();
    const first = await startHub({ HUB_DATA_DIR: dir, HUB_LOAD_SEEDS: 'false' });
    try {
      const second = await runFailingHub({ HUB_DATA_DIR: dir, HUB_LOAD_SEEDS: 'false' });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/cannot start: data directory .* is in use by another hub process/);
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });

  it('exits non-zero within 15 s with one clear line when DATABASE_URL is unreachable', async () => {
    const result = await runFailingHub({ DATABASE_URL: 'postgres://hub:secret@127.0.0.1:9/hub' });
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(15_000);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^component2-hub: cannot start: cannot reach PostgreSQL \(postgres:\/\/hub:\*\*\*@127\.0\.0\.1:9\/hub\): ECONNREFUSED/);
    expect(result.stderr).not.toContain('secret');
  });

  it('exits within 15 s with the tail of PostgreSQL’s log when the embedded server cannot start', async () => {
    const dir = dataDir();
    const first = await startHub({ HUB_DATA_DIR: dir, HUB_LOAD_SEEDS: 'false' });
    first.child.kill('SIGTERM');
    await first.exited;
    fs.appendFileSync(`${dir}/postgres/postgresql.conf`, '\nno_such_setting = 1\n');
    const result = await runFailingHub({ HUB_DATA_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(15_000);
    expect(result.stderr).toMatch(/^component2-hub: cannot start: embedded PostgreSQL failed to start/);
    expect(result.stderr).toContain('no_such_setting');
  });

  (process.getuid?.() === 0 ? it : it.skip)('as root, reaches a data directory under a 0700 parent by running PostgreSQL as "postgres"', async () => {
    const parent = dataDir();
    fs.chmodSync(parent, 0o700);
    const hub = await startHub({ HUB_DATA_DIR: `${parent}/private/data`, HUB_LOAD_SEEDS: 'false' });
    try {
      expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
      expect(hub.logs().some((entry) => entry.msg === 'made directory traversable (o+x) for the OS user "postgres"' && entry.directory === parent)).toBe(true);
      expect(fs.statSync(`${parent}/private/data/postgres`).uid).not.toBe(0);
    } finally {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
  });

  it('shuts down cleanly on SIGTERM in the middle of start-up (before the dataset is loaded)', async () => {
    const dir = dataDir();
    const child = spawn(process.execPath, [`${ROOT}/dist/main.js`], {
      env: { ...process.env, DATABASE_URL: '', PORT: '0', HUB_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let output = '';
    await new Promise<void>((resolve) => child.stdout!.on('data', (chunk) => {
      output += chunk.toString();
      if (output.includes('"msg":"database ready"')) resolve();
    }));
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(postgresProcessesFor(dir)).toEqual([]);
  });
});
