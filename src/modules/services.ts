import type { EntityManager } from 'typeorm';
import { MunicipalityService } from './municipality/municipality.service';
import { ProjectService } from './project/project.service';
import { ReferenceService } from './reference/reference.service';

export interface Services {
  reference: ReferenceService;
  municipalities: MunicipalityService;
  projects: ProjectService;
}

/** Every service over one EntityManager (a transaction's, in imports and tests). */
export function createServices(manager: EntityManager): Services {
  return {
    reference: new ReferenceService(manager),
    municipalities: new MunicipalityService(manager),
    projects: new ProjectService(manager),
  };
}
