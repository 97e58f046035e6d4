import type { RequestDatabase } from '../db/request-database';

/**
 * What the GraphQL plumbing (limits, cost, throttle, errors) reads of a request's context. The features'
 * context (modules/context.ts) adds their services, loaders and the caller.
 */
export interface RequestContext {
  requestId: string;
  /** Who the throttle counts this request against: the client's IP address, or `token <id>` with an API token. */
  client: string;
  /** This request's database access: one connection at most, cancelled at the deadline. */
  database: RequestDatabase;
}
