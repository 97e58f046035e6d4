import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import type { Caller } from './auth/tokens';
import type { RequestLimits } from './config';
import { type ConnectionLanes, RequestDatabase, type RequestScope } from './db/request-database';
import type { Writer } from './ingest/writer';
import { createLoaders, type Loaders } from './loaders/create-loaders';
import type { Context } from './modules/context';
import { createServices, type Services } from './modules/services';

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
  return new RequestContextValue(
    request.requestId,
    request.caller ? `token ${request.caller.tokenId}` : request.client,
    request.caller ?? null,
    factory.writer,
    factory.limits,
    database,
  );
}

/**
 * A request's context with its services and loaders made at their first use: a request answered without
 * the database makes neither. They are getters of the class, not of the object, because Apollo copies the
 * context's own properties for each operation (a getter there would run at the copy).
 */
class RequestContextValue implements Context {
  private madeServices: Services | undefined;
  private madeLoaders: Loaders | undefined;

  constructor(
    readonly requestId: string,
    readonly client: string,
    readonly caller: Caller | null,
    readonly writer: Writer,
    readonly limits: RequestLimits,
    readonly database: RequestDatabase,
  ) {}

  get services(): Services {
    return (this.madeServices ??= createServices(this.database.manager));
  }

  get loaders(): Loaders {
    return (this.madeLoaders ??= createLoaders(this.services));
  }
}
