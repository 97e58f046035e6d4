import { ConnectionLanes } from '../../src/db/request-database';

/** What a small request's client would notice: never waiting behind heavy or middling ones. */
describe('connection lanes', () => {
  const lanes = () =>
    new ConnectionLanes(10, 3, [
      { above: 1000, concurrency: 1 },
      { above: 100, concurrency: 2 },
    ]);
  const settled = async <T>(promise: Promise<T>) => {
    let done = false;
    void promise.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('lets small requests through at once, whatever waits in the other lanes', async () => {
    const pool = lanes();
    const heavy = await pool.acquire(5000);
    const middling = [await pool.acquire(500), await pool.acquire(500)];
    expect(await settled(pool.acquire(5000))).toBe(false);
    expect(await settled(pool.acquire(500))).toBe(false);
    expect(await pool.acquire(100)).toBeUndefined();
    expect(await pool.acquire(1)).toBeUndefined();
    heavy!();
    for (const release of middling) release!();
  });

  it('runs each lane at its own concurrency and hands a freed slot to the next in line', async () => {
    const pool = lanes();
    const first = await pool.acquire(200);
    const second = await pool.acquire(1000); // 1000 is not above the heavy threshold: middling
    const third = pool.acquire(300);
    expect(await settled(third)).toBe(false);
    first!();
    expect(await settled(third)).toBe(true);
    second!();
    (await third)!();
  });
});
