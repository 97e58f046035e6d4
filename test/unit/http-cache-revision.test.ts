import { HttpCache } from '../../src/graphql/http-cache';
import { CostThrottle } from '../../src/graphql/throttle';

/** A revision read the test settles by hand, as a notification's read that has not come back yet. */
function pendingReads() {
  const reads: { resolve: (revision: number) => void; reject: (error: Error) => void }[] = [];
  const read = () => new Promise<number>((resolve, reject) => reads.push({ resolve, reject }));
  return { reads, read };
}

describe('the data revision HTTP caching labels answers with', () => {
  const throttle = new CostThrottle({ bucketSize: 0, restorePerSecond: 0, maxClients: 1 });
  const config = { maxAgeSeconds: 30, staleWhileRevalidateSeconds: 20 };

  it('keeps the last revision while an import’s notification reads the new one: answers in between still get an ETag', async () => {
    const { reads, read } = pendingReads();
    const cache = new HttpCache(config, throttle, read);
    expect(cache.currentRevision).toBeNull();
    const first = cache.refresh();
    reads[0].resolve(7);
    await first;
    expect(cache.currentRevision).toBe(7);
    const second = cache.refresh();
    expect(cache.currentRevision).toBe(7);
    reads[1].resolve(8);
    await second;
    expect(cache.currentRevision).toBe(8);
  });

  it('gives no ETag once a read fails, until a read succeeds', async () => {
    const { reads, read } = pendingReads();
    const cache = new HttpCache(config, throttle, read);
    const first = cache.refresh();
    reads[0].resolve(3);
    await first;
    const failing = cache.refresh();
    reads[1].reject(new Error('connection lost'));
    await failing;
    expect(cache.currentRevision).toBeNull();
    const next = cache.refresh();
    reads[2].resolve(4);
    await next;
    expect(cache.currentRevision).toBe(4);
  });
});
