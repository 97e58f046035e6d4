/**
 * The dashboard's client of the public GraphQL API, and the shapes of the answers it reads (written by
 * hand from schema/schema.graphql; the browser tests compare every number shown with the API's).
 */

import { type DocumentName, DOCUMENTS, documentId } from './documents';
import { noteRevision, type Revision } from './revision';

/**
 * Runs one of the dashboard's documents: a GET naming it by id (a short URL any HTTP cache can keep, the
 * same for every visitor), or, when the hub does not hold that id (a page from an older build), a POST
 * with its text. A GraphQL error becomes an Error with the server's messages.
 */
export async function gql<T>(name: DocumentName, variables: Record<string, unknown> = {}): Promise<T> {
  const search = new URLSearchParams({ documentId: documentId(name) });
  if (Object.keys(variables).length) search.set('variables', JSON.stringify(variables));
  const headers = { accept: 'application/json' };
  let body = await answer<T>(await fetch(`/graphql?${search}`, { headers }));
  if (body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND'))
    body = await answer<T>(
      await fetch('/graphql', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: DOCUMENTS[name], variables }),
      }),
    );
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
  noteRevision((body.data as { dataRevision?: Revision } | undefined)?.dataRevision);
  return body.data as T;
}

interface Answer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const answer = <T>(response: Response): Promise<Answer<T>> => response.json() as Promise<Answer<T>>;

import type { SourceRef } from './dom';

export type { SourceRef };

export interface Named {
  code: string;
  name: string;
  nameLatin: string | null;
}

export interface Money {
  amount: string;
  currency: string;
}

export interface Metric {
  key: string;
  name: string;
  nameEn: string;
  unit: string;
  numerator: string;
  denominator: string | null;
  usesBasis: boolean;
  rankDirection: 'HIGHEST_FIRST' | 'LOWEST_FIRST';
  description: string;
}

export interface Caveat {
  code: string;
  message?: string;
}

/** A comparison cell with its municipality (as the Compare view draws it). */
export interface Cell {
  municipality: Named;
  metric: string;
  value: string | null;
  rank: number | null;
  numerator?: string | null;
  denominator?: string | null;
  basis: 'PLANNED' | 'ACHIEVED' | null;
  qualifier: string | null;
  caveats: Caveat[];
  /** How many caveats (the league table reads the count alone). */
  caveatCount?: number;
  sources: SourceRef[];
}

export interface ComparisonRows {
  dataRevision?: Revision;
  comparison: {
    rows: {
      municipality: Named;
      cells: Omit<Cell, 'municipality'>[];
      projects?: { id: string; key: string; title: string | null; titleLatin: string | null }[];
    }[];
  };
}

export interface MunicipalityPage {
  dataRevision: Revision;
  municipality:
    | (Named & {
        population: number | null;
        populationReferenceDate: string | null;
        oblast: { name: string; nameLatin: string | null };
        projects: {
          edges: {
            node: {
              id: string;
              key: string;
              title: string | null;
              titleLatin: string | null;
              status: string;
              confirmation: string;
              budget: Money | null;
              period: { startDate: string | null; endDate: string | null };
            };
          }[];
        };
      })
    | null;
}

export interface Verification {
  quoteInSource: boolean | null;
  valueInQuote: boolean | null;
  note: string | null;
}

/** What every sourced statement has. */
export interface Statement {
  asPublished: string | null;
  verified: boolean;
  note: string | null;
  verification: Verification;
  source: SourceRef;
}

type Programmed = { programme: { code: string } | null };

export interface Project {
  key: string;
  title: string | null;
  titleLatin: string | null;
  titleVerification: Verification | null;
  titleSource: SourceRef | null;
  confirmation: string;
  status: string;
  statusAsOf: string | null;
  statusSource: SourceRef | null;
  aim: string | null;
  aimSource: SourceRef | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  budget: Money | null;
  municipality: Named;
  registrationNumber: string | null;
  registrationNumberAsPublished: string | null;
  registrationNumberVerification: Verification | null;
  registrationNumberSource: SourceRef | null;
  procedure: { code: string; name: string };
  procedureCitations: (Statement & { quote: string })[];
  contracts: (Statement & Programmed & { number: string; signedOn: string | null })[];
  period: {
    startDate: string | null;
    endDate: string | null;
    durationMonths: number | null;
    statedDurationMonths: number | null;
    statements: (Statement & { field: string; date: string | null; months: number | null })[];
  };
  funding: (Statement & Programmed & { kind: string; qualifier: string; amount: Money; publishedAmount: Money })[];
  partners: (Statement &
    Programmed & { organisation: { name: string; nameLatin: string; type: string }; role: string })[];
  activities: (Statement &
    Programmed & { number: number | null; title: string; titleLatin: string; category: string })[];
  targetGroups: (Statement & Programmed & { description: string; descriptionLatin: string; category: string })[];
  indicators: (Statement & {
    indicator: { code: string; name: string; nameEn: string; unit: string };
    value: number;
    qualifier: string;
    basis: 'PLANNED' | 'ACHIEVED';
    asOf: string | null;
    breakdown: string | null;
  })[];
  qualityFlags: { code: string; severity: string; field: string | null; message: string }[];
  missing: { field: string; reason: string }[];
  notes: string[];
  revisions: { revision: number; importedAt: string; author: string | null; changedFields: string[] }[];
  sources: (SourceRef & {
    key: string;
    title: string;
    kind: string;
    language: string;
    textSha256: string | null;
    text: string | null;
  })[];
}

export interface ProjectPage {
  dataRevision: Revision;
  node: Project | null;
}

/** Why a budget sum left a project's amount out (the API's LeftOutReason). */
export type LeftOutReason =
  'NO_AMOUNT' | 'DISPUTED' | 'CEILING_ONLY' | 'LOWER_BOUND_ONLY' | 'APPROXIMATE_ONLY' | 'PUBLISHED_IN_EUR';

export interface AggregateAnswer {
  dataRevision: Revision;
  aggregate: {
    keys: { dimension: string; value: string | null; label: string | null; labelLatin: string | null }[];
    values: {
      measure: string;
      value: string | null;
      leftOut: number | null;
      leftOutReasons: { reason: LeftOutReason; projects: number }[] | null;
    }[];
  }[];
}
