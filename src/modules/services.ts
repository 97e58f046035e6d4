import type { EntityManager } from 'typeorm';
import { ReferenceService } from './reference/reference.service';

export interface Services {
  reference: ReferenceService;
}

/** Every service over one EntityManager (a transaction's, in imports and tests). */
export function createServices(manager: EntityManager): Services {
  return {
    reference: new ReferenceService(manager),
  };
}
