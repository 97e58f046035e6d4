import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import type { Caller } from './auth/tokens';
import type { RequestLimits } from './config';
import { type ConnectionLanes, RequestDatabase, type RequestScope } from './db/request-database';
import type { Writer } from './ingest/writer';
import { createLoaders } from './loaders/create-loaders';
import type { Context } from './modules/context';
import { createServices } from './modules/services';

export type { Context } from './modules/context';

/**
 * The one place a request's context is made from the features' services and loaders (a GraphQL request,
 * or a page of an export).
 */

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
  request: { requestId: string; client: string; caller?: Caller | null; scope: RequestScope; snapshot?: string },
): Context {
  const database = new RequestDatabase(
    factory.dataSource,
    factory.lanes,
    request.scope,
    factory.cancelConnection,
    factory.preparedStatements,
    request.snapshot,
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
