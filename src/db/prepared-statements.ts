import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Client } from 'pg';

/** How many statements each connection keeps prepared (the least recently used is deallocated). */
export const PREPARED_PER_CONNECTION = 100;

const INSTALLED = Symbol('preparedStatements');
/** Statement names by text, for every connection: hashing a 1–2 kB text on every request cost 0.01 ms. At most 1,000 texts and 4 MB of them. */
const NAMES = new LRUCache<string, string>({
  max: 1_000,
  maxSize: 4_000_000,
  sizeCalculation: (_name, text) => text.length,
});
/** Reads, the only statements prepared: what a GraphQL request runs, the same texts again and again. */
const READ = /^\s*(SELECT|WITH)\b/i;

type Query = (...args: unknown[]) => unknown;

/**
 * Runs a connection's reads as named prepared statements, so that PostgreSQL parses and analyses each
 * distinct text once per connection instead of on every request (and may keep its plan: see
 * `plan_cache_mode`). PostGraphile's adaptor does the same: parsing and planning are a large share of a
 * small read's time in PostgreSQL.
 *
 * Bounded per connection: at most `max` statements (lru-cache); the one evicted is forgotten by the
 * client at once, so that its name can be prepared again, and deallocated before the statement that
 * evicted it is sent (one more round trip, on eviction only). The name is a hash of the text. Statements
 * with a callback, a config object, or no parameter array, and every write, run unprepared.
 */
export function prepareReads(client: Client, max = PREPARED_PER_CONNECTION): void {
  const marked = client as Client & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const original = client.query.bind(client) as Query;
  // pg's record of the names this connection has prepared (the same one PostGraphile's adaptor uses).
  const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection
    ?.parsedStatements;
  if (!parsed) return;
  // Names evicted and not yet deallocated: DEALLOCATE runs before the statement that evicted them, and
  // that statement only once it is done (pg deprecates a query sent while another is running; pg@9 refuses it).
  let evicted: string[] = [];
  const prepared = new LRUCache<string, true>({
    max,
    dispose: (_value, name) => {
      // Only a statement PostgreSQL parsed exists there (pg records it on ParseComplete): deallocating
      // another (its text failed to parse) would be an error, and inside a transaction abort it.
      if (parsed[name] === undefined) return;
      delete parsed[name];
      evicted.push(name);
    },
  });
  (client as unknown as { query: Query }).query = (...args: unknown[]) => {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || callback !== undefined || !READ.test(text))
      return original(...args);
    let name = NAMES.get(text);
    if (name === undefined) NAMES.set(text, (name = `hub_${createHash('sha1').update(text).digest('hex')}`));
    if (!prepared.get(name)) prepared.set(name, true); // get: now the most recently used
    const statement = { name, text, values };
    if (evicted.length === 0) return original(statement);
    const deallocate = evicted.map((old) => `DEALLOCATE "${old}"`).join('; ');
    evicted = [];
    // A failed DEALLOCATE (an aborted transaction) leaves the statement to fail or run as it would.
    return (original(deallocate) as Promise<unknown>).catch(() => undefined).then(() => original(statement));
  };
}
