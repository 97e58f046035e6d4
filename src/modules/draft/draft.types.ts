import { GraphQLJSONObject } from 'graphql-scalars';
import { Extensions, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { listCost } from '../../graphql/field-cost';
import { MAX_SENTENCE } from '../../domain/draft/sentences';
import { MAX_PROPOSALS } from '../../ingest/draft';

export enum DraftProposalKind {
  TITLE = 'TITLE',
  PROCEDURE = 'PROCEDURE',
  REGISTRATION = 'REGISTRATION',
  CONTRACT = 'CONTRACT',
  AMOUNT = 'AMOUNT',
  DATE = 'DATE',
  DURATION = 'DURATION',
  COUNT = 'COUNT',
  PARTNER = 'PARTNER',
}
registerEnumType(DraftProposalKind, {
  name: 'DraftProposalKind',
  description: 'What a proposal would write into the project file.',
  valuesConfig: {
    TITLE: { description: 'The project title as published (the quoted name after "проект").' },
    PROCEDURE: { description: 'A procedure citation: a sentence naming BG05M9OP001-2.056 or its name.' },
    REGISTRATION: { description: 'The registration number BG05M9OP001-2.056-NNNN, read from any spelling.' },
    CONTRACT: { description: 'A grant contract number (…-C01) with its programme.' },
    AMOUNT: { description: 'An amount in BGN or EUR with its programme, kind (total, EU, national) and qualifier.' },
    DATE: { description: 'A start or end date (its role read from the words before it).' },
    DURATION: { description: 'A duration in months.' },
    COUNT: {
      description: 'A count of people or things with its indicator, basis (planned or achieved) and qualifier.',
    },
    PARTNER: { description: 'A partner organisation with its type.' },
  },
});

export enum DraftProposalFlag {
  CONFLICTING = 'CONFLICTING',
  BASIS_UNCERTAIN = 'BASIS_UNCERTAIN',
  INDICATOR_UNCERTAIN = 'INDICATOR_UNCERTAIN',
  YEAR_ASSUMED = 'YEAR_ASSUMED',
}
registerEnumType(DraftProposalFlag, {
  name: 'DraftProposalFlag',
  description: 'Why a proposal needs the editor’s eye: what the rules could not settle is shown, never resolved.',
  valuesConfig: {
    CONFLICTING: { description: 'Another proposal of the same field says otherwise (two end dates, two titles).' },
    BASIS_UNCERTAIN: { description: 'The tense says neither plan nor result; PLANNED is proposed.' },
    INDICATOR_UNCERTAIN: { description: 'The indicator is a guess from a general noun ("лица", "участници").' },
    YEAR_ASSUMED: { description: 'The date names no year; the publication year is proposed.' },
  },
});

@ObjectType({ description: 'A piece of the text: UTF-16 offsets (end exclusive) and the characters between them.' })
export class TextSpan {
  @Field(() => Int, { description: 'Offset of the first character.' })
  start: number;

  @Field(() => Int, { description: 'Offset after the last character.' })
  end: number;

  @Extensions({ size: MAX_SENTENCE * 3 + 2 })
  @Field({ description: 'The text of the span, exactly as in the text given (at most a sentence: 1,000 characters).' })
  text: string;
}

@ObjectType({ description: 'One statement read from the text, with the span it was read from.' })
export class DraftProposal {
  @Extensions({ size: 24 })
  @Field({ description: '`<kind>-<n>`, in the order of the text; stable for the same text.' })
  id: string;

  @Field(() => DraftProposalKind, { description: 'What the proposal would write into the project file.' })
  kind: DraftProposalKind;

  @Field(() => GraphQLJSONObject, {
    description:
      'The statement as the project file would hold it (docs/import-format.md), without its source: e.g. for an amount `programme`, `kind`, `amount` (BGN or EUR as written), `currency`, `qualifier`, `asPublished`.',
  })
  statement: Record<string, unknown>;

  @Field(() => TextSpan, { description: 'The exact span the value is read from (its `asPublished`).' })
  quote: TextSpan;

  @Field(() => TextSpan, { description: 'The sentence around the quote.' })
  sentence: TextSpan;

  @Field(() => [DraftProposalFlag], { description: 'What the editor should look at before accepting it.' })
  flags: DraftProposalFlag[];
}

@ObjectType({ description: 'A field the text does not state: a candidate `missing` entry of the project file.' })
export class DraftMissing {
  @Extensions({ size: 40 })
  @Field({ description: 'The field of the project file (`budget`, `period.endDate` …).' })
  field: string;

  @Extensions({ size: 200 })
  @Field({ description: 'Why it is missing, in words.' })
  reason: string;
}

@ObjectType({
  description:
    'What a published text states about a project, as proposals for a project file: rule-based and deterministic, every figure checked against its quote by the importer’s own reader (a proposal its quote does not state is never made). Nothing is stored.',
})
export class Draft {
  @Field(() => [DraftProposal], {
    description: 'Every proposal, in the order of the text (500 at most).',
    complexity: listCost(MAX_PROPOSALS),
  })
  proposals: DraftProposal[];

  @Field(() => [DraftMissing], { description: 'What the text does not state.', complexity: listCost(10) })
  missing: DraftMissing[];

  @Field(() => GraphQLJSONObject, {
    description:
      'The project file with every proposal accepted and the text as its source, ready for `importProjects` (dry run first): the first title and registration number are used.',
  })
  file: Record<string, unknown>;
}
