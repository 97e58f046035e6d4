import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { importProjectFiles } from '../../src/ingest/import-projects';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { asFile, validProjectFile } from '../helpers/project-file';

function redisServerPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const binary = redisServerPath();
// .ci/run installs Debian's redis-server; a machine without it cannot run this file.
const describeWithRedis = binary ? describe : describe.skip;

/** Two hub replicas sharing one real Redis (REDIS_URL): one fills the cache, the other answers from it; an import empties it. */
describeWithRedis('response cache in a shared Redis', () => {
  let redis: ChildProcess;
  let first: ApiServer;
  let second: ApiServer;
  beforeAll(async () => {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2hub-redis-'));
    redis = spawn(
      binary!,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) =>
        net
          .connect(port, '127.0.0.1')
          .on('connect', function (this: net.Socket) {
            this.end();
            resolve(true);
          })
          .on('error', () => resolve(false)),
      );
      if (up || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, HUB_RESPONSE_CACHE_BYTES: '1000000' };
    first = await startApiServer({ env });
    second = await startApiServer({ env });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    redis?.kill('SIGKILL');
  });

  it('answers on one replica what the other computed, and empties on an import', async () => {
    // The two test servers have separate databases but the same dataset: the key is the query.
    const query = '{ municipalities(filter: { hasProjects: true }) { totalCount } }';
    const computed = await first.query(query);
    expect(computed.headers.get('x-cache')).toBeNull();
    const shared = await second.query(query);
    expect(shared.headers.get('x-cache')).toBe('hit');
    expect(shared.statements).toEqual([]);
    expect(shared.body.data).toEqual(computed.body.data);

    await importProjectFiles(first.db.dataSource, [
      asFile(validProjectFile({ key: 'redis-test', registrationNumber: null, contracts: [] })),
    ]);
    const deadline = Date.now() + 5_000;
    let after = await second.query(query);
    while (after.headers.get('x-cache') === 'hit' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await second.query(query);
    }
    expect(after.headers.get('x-cache')).toBeNull();
  });
});
