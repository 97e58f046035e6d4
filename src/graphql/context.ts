import type { ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { type ConnectionLanes, RequestDatabase, type RequestScope } from '../db/request-database';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import { createServices, type Services } from '../modules/services';

/** Built once per GraphQL request: services for root fields, loaders (fresh caches) for relations. */
export interface Context {
  requestId: string;
  /** Who the throttle counts this request against: the client's IP address (or, later, its API token). */
  client: string;
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
}

export function createContext(factory: ContextFactory, request: { requestId: string; client: string; scope: RequestScope }): Context {
  const database = new RequestDatabase(factory.dataSource, factory.lanes, request.scope, factory.cancelConnection);
  const services = createServices(database.manager);
  return { requestId: request.requestId, client: request.client, database, services, loaders: createLoaders(services) };
}
