import DataLoader from 'dataloader';
import { DisputedExclusion, DisputedExclusions, type DisputedScope } from '../modules/project/project.types';
import type {
  Activity,
  Contract,
  FundingAmount,
  Indicator,
  IndicatorValue,
  Municipality,
  Organisation,
  Partnership,
  PeriodStatement,
  Procedure,
  ProcedureCitation,
  Programme,
  Project,
  ProjectRevision,
  QualityFlag,
  Source,
  SourceRevision,
  TargetGroup,
} from '../entities';
import type { Page } from '../graphql/connection';
import type { ProjectFilter } from '../modules/project/project.args';
import type { FactRows } from '../modules/project/project-facts.service';
import type { Services } from '../modules/services';
import type { StoredDetails } from '../modules/comparison/cell-rules';

import { KnownFirst } from './known-first';
import { manyByKey, oneByKey } from './key-order';

/** A comparison cell's caveats and sources. */
export interface CellDetails {
  caveats: StoredDetails['caveats'];
  sources: Source[];
}

/** A page of one municipality's projects: the municipality and the page arguments. */
export interface MunicipalityProjectsKey {
  code: string;
  offset: number;
  limit: number;
  filter?: ProjectFilter;
}

/**
 * Every DataLoader of a request, named `<result>By<key>`, created fresh for each request (no cache
 * shared between users). Each batch is one SQL statement, so a nested query costs one statement per
 * level however many parents it has.
 */
/** A statement table's loaders by project id: every column, or all but the quote and the note. */
export interface StatementLoaders<T> {
  full: DataLoader<number, T[]>;
  light: DataLoader<number, T[]>;
}

export function createLoaders(services: Services) {
  const { reference, municipalities, projects, facts, comparison } = services;
  const byProject = <T extends { projectId: number }>(load: (ids: readonly number[]) => Promise<T[]>) =>
    new DataLoader<number, T[]>(async (ids) => manyByKey(ids, await load(ids), (row) => row.projectId));
  // Statements arrive with their source, programme, organisation and indicator: prime those loaders,
  // so that resolving them costs no SQL and the statement count does not depend on timing.
  // Two loaders per statement table: with every column, and light (without quotes and notes: see
  // ProjectFactService.lightColumns), for a selection that reads neither.
  const factsByProject = <T extends { projectId: number }>(
    load: (ids: readonly number[], light: boolean) => Promise<FactRows<T>>,
  ): StatementLoaders<T> => ({ full: factLoader(load, false), light: factLoader(load, true) });
  const factLoader = <T extends { projectId: number }>(
    load: (ids: readonly number[], light: boolean) => Promise<FactRows<T>>,
    light: boolean,
  ) =>
    byProject<T>(async (ids) => {
      const result = await load(ids, light);
      for (const source of result.sources) loaders.sourceByKey.prime(source.key, source);
      for (const programme of result.programmes) loaders.programmeByCode.prime(programme.code, programme);
      for (const organisation of result.organisations)
        loaders.organisationById.prime(organisation.databaseId, organisation);
      for (const indicator of result.indicators) loaders.indicatorByCode.prime(indicator.code, indicator);
      return result.facts;
    });

  const loaders = {
    sourceByKey: new KnownFirst(
      new DataLoader<string, Source | null>(async (keys) =>
        oneByKey(keys, await reference.sourcesByKeys(keys), (row) => row.key),
      ),
    ),
    sourceTextByKey: new DataLoader<string, string | null>(async (keys) =>
      oneByKey(keys, await reference.sourceTexts(keys), (row) => row.sourceKey).map((row) => row?.text ?? null),
    ),
    sourceRevisionsByKey: new DataLoader<string, SourceRevision[]>(async (keys) =>
      manyByKey(keys, await reference.sourceRevisions(keys), (row) => row.sourceKey),
    ),
    programmeByCode: new KnownFirst(
      new DataLoader<string, Programme | null>(async (codes) =>
        oneByKey(codes, await reference.programmesByCodes(codes), (row) => row.code),
      ),
    ),
    procedureByCode: new DataLoader<string, Procedure | null>(async (codes) =>
      oneByKey(codes, await reference.proceduresByCodes(codes), (row) => row.code),
    ),
    indicatorByCode: new KnownFirst(
      new DataLoader<string, Indicator | null>(async (codes) =>
        oneByKey(codes, await reference.indicatorsByCodes(codes), (row) => row.code),
      ),
    ),
    municipalityByCode: new DataLoader<string, Municipality | null>(async (codes) =>
      oneByKey(codes, await municipalities.byCodes(codes), (row) => row.code),
    ),
    organisationById: new KnownFirst(
      new DataLoader<number, Organisation | null>(async (ids) =>
        oneByKey(ids, await facts.organisations(ids), (row) => row.databaseId),
      ),
    ),
    projectById: new DataLoader<number, Project | null>(async (ids) =>
      oneByKey(ids, await projects.byIds(ids), (row) => row.databaseId),
    ),
    projectsByMunicipality: new DataLoader<MunicipalityProjectsKey, Page<Project>, string>(
      async (keys) => {
        // One statement per distinct page request (normally one: every municipality asks the same).
        const groups = new Map<string, MunicipalityProjectsKey[]>();
        for (const key of keys) {
          const group = JSON.stringify([key.offset, key.limit, key.filter ?? null]);
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const results = new Map<MunicipalityProjectsKey, Page<Project>>();
        for (const group of groups.values()) {
          const { offset, limit, filter } = group[0];
          const pages = await projects.pagesByMunicipality(
            group.map((key) => key.code),
            filter,
            offset,
            limit,
          );
          for (const key of group) results.set(key, pages.get(key.code)!);
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => JSON.stringify([key.code, key.offset, key.limit, key.filter ?? null]) },
    ),
    disputedExclusions: new DataLoader<DisputedScope, DisputedExclusions, string>(
      async (scopes) => {
        // One statement per distinct filter; the municipalities asking under one filter share it.
        const groups = new Map<string, DisputedScope[]>();
        for (const scope of scopes) {
          const group = JSON.stringify([scope.filter ?? null, scope.municipalityCode === undefined]);
          groups.set(group, [...(groups.get(group) ?? []), scope]);
        }
        const results = new Map<DisputedScope, DisputedExclusions>();
        for (const group of groups.values()) {
          const codes =
            group[0].municipalityCode === undefined ? undefined : group.map((scope) => scope.municipalityCode!);
          const rows = await projects.disputedExclusions(group[0].filter, codes);
          for (const scope of group) {
            const mine = rows.filter(
              (row) => scope.municipalityCode === undefined || row.municipalityCode === scope.municipalityCode,
            );
            const list = mine.map((row) =>
              Object.assign(new DisputedExclusion(), { projectId: row.projectId, facts: row.facts }),
            );
            results.set(scope, Object.assign(new DisputedExclusions(), { count: mine[0]?.total ?? 0, projects: list }));
          }
        }
        return scopes.map((scope) => results.get(scope)!);
      },
      { cacheKeyFn: (scope) => JSON.stringify([scope.filter ?? null, scope.municipalityCode ?? null]) },
    ),
    periodStatementsByProjectId: factsByProject<PeriodStatement>(facts.periodStatements),
    contractsByProjectId: factsByProject<Contract>(facts.contracts),
    fundingByProjectId: factsByProject<FundingAmount>(facts.funding),
    partnershipsByProjectId: factsByProject<Partnership>(facts.partnerships),
    activitiesByProjectId: factsByProject<Activity>(facts.activities),
    targetGroupsByProjectId: factsByProject<TargetGroup>(facts.targetGroups),
    indicatorValuesByProjectId: factsByProject<IndicatorValue>(facts.indicatorValues),
    procedureCitationsByProjectId: factsByProject<ProcedureCitation>(facts.procedureCitations),
    qualityFlagsByProjectId: byProject<QualityFlag>(facts.qualityFlags),
    revisionsByProjectId: byProject<ProjectRevision>(facts.revisions),
    // A cell's caveats and its sources, loaded together: two statements for any number of cells, and
    // one promise per cell (not one per source).
    comparisonDetailsByCell: new DataLoader<string, CellDetails>(async (keys) => {
      const details = await comparison.details(keys);
      const sourceKeys = new Set<string>();
      for (const entry of details.values()) for (const key of entry.sourceKeys) sourceKeys.add(key);
      const sources = new Map<string, Source>();
      for (const source of await reference.sourcesByKeys([...sourceKeys])) {
        loaders.sourceByKey.prime(source.key, source);
        sources.set(source.key, source);
      }
      return keys.map((key) => {
        const entry = details.get(key);
        if (!entry) return { caveats: [], sources: [] };
        return {
          caveats: entry.caveats,
          sources: entry.sourceKeys
            .map((sourceKey) => sources.get(sourceKey))
            .filter((source): source is Source => source !== undefined),
        };
      });
    }),
    sourcesByProjectId: new DataLoader<number, Source[]>(async (ids) =>
      manyByKey(ids, await facts.sources(ids), (row) => row.projectId).map((rows) => rows.map((row) => row.source)),
    ),
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
