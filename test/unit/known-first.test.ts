import DataLoader from 'dataloader';
import { KnownFirst } from '../../src/loaders/known-first';

describe('KnownFirst', () => {
  it('gives a primed or loaded value at once, and loads a missing key in one batch', async () => {
    const batches: string[][] = [];
    const loader = new KnownFirst(
      new DataLoader<string, string | null>(async (keys) => {
        batches.push([...keys]);
        return keys.map((key) => (key === 'none' ? null : key.toUpperCase()));
      }),
    );
    loader.prime('a', 'A');
    expect(loader.load('a')).toBe('A');
    const pending = [loader.load('b'), loader.load('c'), loader.load('none')];
    expect(pending.every((value) => value instanceof Promise)).toBe(true);
    expect(await Promise.all(pending)).toEqual(['B', 'C', null]);
    expect(batches).toEqual([['b', 'c', 'none']]);
    // Loaded once, then given at once (null included); a later miss is one more batch.
    expect([loader.load('b'), loader.load('none')]).toEqual(['B', null]);
    expect(await loader.load('d')).toBe('D');
    expect(batches).toEqual([['b', 'c', 'none'], ['d']]);
  });
});
