import type { DataSource } from 'typeorm';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import { createServices, type Services } from '../modules/services';

/** Built once per GraphQL request: services for root fields, loaders (fresh caches) for relations. */
export interface Context {
  requestId: string;
  services: Services;
  loaders: Loaders;
}

export function createContext(dataSource: DataSource, requestId: string): Context {
  const services = createServices(dataSource.manager);
  return { requestId, services, loaders: createLoaders(services) };
}
