import type { EntityManager } from 'typeorm';
import { AggregateService } from './comparison/aggregate.service';
import { ComparisonService } from './comparison/comparison.service';
import { MunicipalityService } from './municipality/municipality.service';
import { ProjectFactService } from './project/project-facts.service';
import { ProjectService } from './project/project.service';
import { ReferenceService } from './reference/reference.service';

export interface Services {
  reference: ReferenceService;
  municipalities: MunicipalityService;
  projects: ProjectService;
  facts: ProjectFactService;
  comparison: ComparisonService;
  aggregates: AggregateService;
}

/** Every service over one EntityManager (a transaction's, in imports and tests). */
export function createServices(manager: EntityManager): Services {
  const projects = new ProjectService(manager);
  return {
    reference: new ReferenceService(manager),
    municipalities: new MunicipalityService(manager),
    projects,
    facts: new ProjectFactService(manager),
    comparison: new ComparisonService(manager),
    aggregates: new AggregateService(manager),
  };
}
