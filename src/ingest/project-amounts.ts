import { FundingKind, Qualifier } from '../domain/enums';
import { LeftOutReason } from '../domain/left-out';
import type { ProjectFile } from './project-file';
import { copyField } from './copy-text';
import type { Exact } from './quality-shared';

/**
 * A project's amounts as the budget aggregates add them, reconciled once at import from its statements
 * (the same rules as its quality flags and `budget`): for the whole project, for each programme it names,
 * and for each EU or national share stated. Each is an exact BGN amount the sources agree on, or the reason
 * it is left out of a sum. Kept in `project_amounts` by the importer, in the import's transaction.
 */
export interface ReconciledAmount {
  programme: string | null;
  kind: FundingKind;
  /** The exact amount in BGN; null when left out. */
  amount: string | null;
  leftOut: LeftOutReason | null;
}

/** The programmes a project names in any statement (its `project_programmes`). */
export function namedProgrammes(document: ProjectFile): Set<string> {
  const lists: { programme: string | null }[][] = [
    document.funding,
    document.contracts,
    document.partners,
    document.activities,
    document.targetGroups,
  ];
  return new Set(
    lists.flatMap((list) => list.map((entry) => entry.programme)).filter((code): code is string => code !== null),
  );
}

export function reconciledAmounts(document: ProjectFile, exact: Exact): ReconciledAmount[] {
  const keys = new Map<string, { programme: string | null; kind: FundingKind }>();
  const add = (programme: string | null, kind: FundingKind) => keys.set(`${programme} ${kind}`, { programme, kind });
  add(null, FundingKind.TOTAL);
  for (const programme of [...namedProgrammes(document)].sort()) add(programme, FundingKind.TOTAL);
  for (const entry of document.funding) if (entry.kind !== FundingKind.TOTAL) add(entry.programme, entry.kind);
  return [...keys.values()].map(({ programme, kind }) => {
    const amount = exact(programme ?? 'PROJECT', kind, 'BGN');
    if (amount !== null) return { programme, kind, amount, leftOut: null };
    const stated = document.funding.filter((entry) => entry.programme === programme && entry.kind === kind);
    return { programme, kind, amount: null, leftOut: reasonLeftOut(stated) };
  });
}

/** Why no exact BGN amount could be had from these statements. */
function reasonLeftOut(stated: ProjectFile['funding']): LeftOutReason {
  const has = (qualifier: Qualifier, currency?: string) =>
    stated.some((entry) => entry.qualifier === qualifier && (currency === undefined || entry.currency === currency));
  if (has(Qualifier.EXACT, 'BGN')) return LeftOutReason.DISPUTED;
  if (has(Qualifier.EXACT, 'EUR')) return LeftOutReason.PUBLISHED_IN_EUR;
  if (has(Qualifier.AT_MOST)) return LeftOutReason.CEILING_ONLY;
  if (has(Qualifier.AT_LEAST)) return LeftOutReason.LOWER_BOUND_ONLY;
  if (has(Qualifier.APPROXIMATE)) return LeftOutReason.APPROXIMATE_ONLY;
  return LeftOutReason.NO_AMOUNT;
}

/** The columns of `project_amounts` (see the ProjectAmounts migration), and a project's rows as COPY lines of them. */
export const PROJECT_AMOUNT_COLUMNS = ['project_id', 'programme_code', 'kind', 'amount', 'left_out'];

export function amountLines(projectId: number, amounts: ReconciledAmount[]): string[] {
  return amounts.map((row) =>
    [projectId, row.programme, row.kind, row.amount, row.leftOut].map((value) => copyField(value, false)).join('\t'),
  );
}
