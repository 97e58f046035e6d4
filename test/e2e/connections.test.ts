import net from 'node:net';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { graphql, type HubProcess, startHub } from '../helpers/hub-process';

/** Opens a TCP connection that sends `bytes` (nothing by default) and resolves when the hub closes it, with when. */
function holdConnection(url: string, started: number, bytes = ''): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => bytes && socket.write(bytes));
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.on('close', () => resolve(Date.now() - started));
  });
}

/**
 * Connections are bounded over real TCP against a hub process: clients that send nothing, or their headers
 * a byte at a time, are cut off in seconds; past the cap new connections are closed at once; the hub stays
 * healthy and serves as soon as they are gone.
 */
describe('connections', () => {
  let db: TestDatabase;
  let hub: HubProcess;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
    hub = await startHub({
      DATABASE_URL: db.url,
      HUB_LOAD_SEEDS: 'false',
      HUB_HEADERS_TIMEOUT_MS: '2000',
      HUB_RECEIVE_TIMEOUT_MS: '4000',
      HUB_MAX_CONNECTIONS: '100',
    });
  });
  afterAll(async () => {
    hub.child.kill('SIGTERM');
    await hub.exited;
    await db.drop();
  });

  it('closes 300 idle connections (200 over the cap at once, the others at the headers deadline) and stays healthy', async () => {
    const started = Date.now();
    const held = Array.from({ length: 300 }, () => holdConnection(hub.url, started));
    const closed = await Promise.all(held);
    const early = closed.filter((ms) => ms < 1_000).length;
    expect(early).toBeGreaterThanOrEqual(200);
    // The headers deadline is 2 s, checked every second.
    expect(Math.max(...closed)).toBeLessThan(2_000 + 2_500);
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
    const { body } = await graphql(hub.url, '{ projects { totalCount } }');
    expect(body.data.projects.totalCount).toBe(16);
  });

  it('cuts off headers sent a byte a second, and a body that never ends, by their deadlines', async () => {
    const started = Date.now();
    const headers = 'POST /graphql HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(100);
    const { hostname, port } = new URL(hub.url);
    const slow = new Promise<number>((resolve) => {
      const socket = net.connect(Number(port), hostname);
      let index = 0;
      const timer = setInterval(() => !socket.destroyed && socket.write(headers[index++ % headers.length]), 1_000);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve(Date.now() - started);
      });
    });
    const body = holdConnection(
      hub.url,
      started,
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":',
    );
    // Both by the whole request's deadline (4 s, checked every second) at the latest.
    expect(await slow).toBeLessThan(1_000 + 4_000 + 1_500);
    expect(await body).toBeLessThan(4_000 + 1_500);
  });
});
