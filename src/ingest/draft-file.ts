import type { MissingField, Proposal } from '../domain/draft/extract';

/** A published text a draft is read from, as the import format's `sources` entry holds it (with its text). */
export interface DraftSource {
  key: string;
  url: string | null;
  title: string;
  publisher: string;
  publishedOn: string | null;
  kind: 'FULL_PAGE' | 'EXCERPT';
  language: string;
  text: string;
}

/** The proposals an editor kept from one source. */
export interface SourceProposals {
  source: DraftSource;
  proposals: Proposal[];
}

/**
 * A project file in the import format (docs/import-format.md) made from accepted proposals, each statement
 * citing the source it was read from, each source carrying its text (so the importer checks every quote
 * against it). The first title and registration number win (the others stay as proposals the editor
 * rejected or kept apart); `missing` holds what no source states. Pure.
 */
export function draftFile(input: {
  key: string;
  municipalityCode: string;
  sources: SourceProposals[];
  missing: MissingField[];
}): Record<string, unknown> {
  const statements = input.sources.flatMap(({ source, proposals }) =>
    proposals.map((proposal) => ({ source: source.key, proposed: proposal.proposed })),
  );
  const of = <K extends Proposal['proposed']['kind']>(kind: K) =>
    statements.flatMap(({ source, proposed }) =>
      proposed.kind === kind ? [{ source, proposed: proposed as Extract<Proposal['proposed'], { kind: K }> }] : [],
    );
  const title = of('title')[0];
  const registration = of('registration')[0];
  const missing = input.missing.filter(
    (entry) => !(entry.field === 'title' && title) && !(entry.field === 'registrationNumber' && registration),
  );
  return {
    formatVersion: 1,
    key: input.key,
    municipalityCode: input.municipalityCode,
    procedureCode: 'BG05M9OP001-2.056',
    sources: input.sources.map(({ source }) => source),
    title: title ? { value: title.proposed.value, source: title.source } : null,
    registrationNumber: registration
      ? {
          value: registration.proposed.value,
          asPublished: registration.proposed.asPublished,
          source: registration.source,
        }
      : null,
    procedureCitations: of('procedure').map(({ source, proposed }) => ({ quote: proposed.quote, source })),
    period: [
      ...of('date').map(({ source, proposed }) => ({
        field: proposed.field,
        date: proposed.date,
        asPublished: proposed.asPublished,
        source,
      })),
      ...of('duration').map(({ source, proposed }) => ({
        field: 'DURATION_MONTHS',
        months: proposed.months,
        asPublished: proposed.asPublished,
        source,
      })),
    ],
    contracts: of('contract').map(({ source, proposed }) => ({
      programme: proposed.programme,
      number: proposed.number,
      asPublished: proposed.asPublished,
      signedOn: null,
      source,
    })),
    funding: of('amount').map(({ source, proposed }) => ({
      programme: proposed.programme,
      kind: proposed.fundingKind,
      amount: proposed.amount,
      currency: proposed.currency,
      qualifier: proposed.qualifier,
      asPublished: proposed.asPublished,
      source,
    })),
    partners: of('partner').map(({ source, proposed }) => ({
      name: proposed.name,
      asPublished: proposed.asPublished,
      type: proposed.type,
      role: proposed.role,
      programme: proposed.programme,
      source,
    })),
    activities: [],
    targetGroups: [],
    indicators: of('count').map(({ source, proposed }) => ({
      code: proposed.code,
      value: proposed.value,
      qualifier: proposed.qualifier,
      basis: proposed.basis,
      asOf: proposed.asOf,
      breakdown: null,
      asPublished: proposed.asPublished,
      source,
    })),
    missing,
    notes: [],
  };
}
