import type DataLoader from 'dataloader';

/**
 * A DataLoader of reference rows (sources, programmes, indicators, organisations) that gives a value it
 * already holds at once, not as a promise. Statements arrive with these rows and prime them: a profile's
 * hundreds of statements name a few dozen of them, and DataLoader answers every cache hit with a new
 * promise (to keep its batch order), which execution then awaits field by field. A key not held yet is
 * loaded, batched, as before.
 */
export class KnownFirst<K, V> {
  private readonly known = new Map<K, V>();

  constructor(private readonly loader: DataLoader<K, V>) {}

  load(key: K): V | Promise<V> {
    const value = this.known.get(key);
    if (value !== undefined || this.known.has(key)) return value as V;
    return this.loader.load(key).then((loaded) => {
      this.known.set(key, loaded);
      return loaded;
    });
  }

  loadMany(keys: readonly K[]): Promise<(V | Error)[]> {
    return this.loader.loadMany(keys);
  }

  prime(key: K, value: V): this {
    this.known.set(key, value);
    this.loader.prime(key, value);
    return this;
  }
}
