import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { type ConnectionLanes, RequestDatabase, type RequestScope } from '../db/request-database';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import { createServices, type Services } from '../modules/services';
import type { Caller } from '../auth/tokens';
import type { Writer } from '../ingest/writer';
import type { RequestLimits } from '../config';

/** Built once per GraphQL request: services for root fields, loaders (fresh caches) for relations. */
export interface Context {
  requestId: string;
  /** Who the throttle counts this request against: the client's IP address, or `token <id>` with an API token. */
  client: string;
  /** The API token's holder, checked before the body was read; null without a token (reading needs none). */
  caller: Caller | null;
  /** Writes (imports) through the hub's own pool, one at a time, with the import deadline. */
  writer: Writer;
  limits: RequestLimits;
  /** This request's database access: one connection at most, cancelled at the deadline. */
  database: RequestDatabase;
  services: Services;
  loaders: Loaders;
}

/** What every request's context is built from. */
export interface ContextFactory {
  dataSource: DataSource;
  lanes: ConnectionLanes;
  /** Settings of a separate connection that cancels a running statement. */
  cancelConnection: ClientConfig;
  writer: Writer;
  limits: RequestLimits;
  /** Reads as prepared statements (see prepared-statements.ts). */
  preparedStatements: boolean;
}

export function createContext(
  factory: ContextFactory,
  request: { requestId: string; client: string; caller?: Caller | null; scope: RequestScope },
): Context {
  const database = new RequestDatabase(
    factory.dataSource,
    factory.lanes,
    request.scope,
    factory.cancelConnection,
    factory.preparedStatements,
  );
  const services = createServices(database.manager);
  return {
    requestId: request.requestId,
    client: request.caller ? `token ${request.caller.tokenId}` : request.client,
    caller: request.caller ?? null,
    writer: factory.writer,
    limits: factory.limits,
    database,
    services,
    loaders: createLoaders(services),
  };
}
