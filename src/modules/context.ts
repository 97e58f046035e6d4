import type { Caller } from '../auth/tokens';
import type { RequestLimits } from '../config';
import type { RequestContext } from '../graphql/request-context';
import type { Writer } from '../ingest/writer';
import type { Loaders } from '../loaders/create-loaders';
import type { Services } from './services';

/** What every resolver receives, built once per GraphQL request (src/context.ts): services for root fields, loaders for relations. */
export interface Context extends RequestContext {
  /** The API token's holder, checked before the body was read; null without a token (reading needs none). */
  caller: Caller | null;
  /** Writes (imports) through the hub's own pool, one at a time, with the import deadline. */
  writer: Writer;
  limits: RequestLimits;
  services: Services;
  loaders: Loaders;
}
