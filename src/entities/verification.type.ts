import { Extensions, Field, ObjectType } from 'type-graphql';

/** The quotes a statement is checked against (db/data-measures.ts measures their longest). */
const QUOTE_MEASURES = [
  'text:FundingAmount.asPublished',
  'text:IndicatorValue.asPublished',
  'text:Contract.asPublished',
  'text:PeriodStatement.asPublished',
  'text:Partnership.asPublished',
  'text:Organisation.name',
  'text:ProcedureCitation.quote',
  'text:Activity.asPublished',
  'text:TargetGroup.asPublished',
  'text:Project.title',
  'text:Project.aim',
  'text:Project.registrationNumberAsPublished',
];

/** What was checked of a sourced statement (domain/verification.ts computes it). */
@ObjectType({
  simpleResolvers: true,
  description:
    'What was checked of a statement: its quote against the text the hub holds of its source, and its value against its quote. The importer refuses a quote not found in its source’s text and a value its quote contradicts, so a check here either passed (true) or could not be made (null, with `note` saying why).',
})
export class Verification {
  @Field(() => Boolean, {
    nullable: true,
    description:
      'True: the quote (`asPublished`, a procedure citation’s `quote`, a title, an aim or a partner’s name) is in the text the hub holds of the source (white space and quote marks normalised). Null: the statement quotes nothing, or the hub holds no text of the source.',
  })
  quoteInSource: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True: the quote states the value typed beside it (an amount to the cent and its currency, a date, a count, a number of months, a contract number in canonical form; the hedge word before a figure agrees with the qualifier). Null: not applicable (the quote is the value: a title, an aim, a name, an activity) or not readable (a figure written in words only, e.g. "четирима"): the value is unchecked.',
  })
  valueInQuote: boolean | null;

  // Fixed phrases and, where a value disagrees, the figures the quote states: at most thrice the longest quote.
  @Extensions({ size: QUOTE_MEASURES.map((measure) => ({ measure, factor: 3, plus: 400 })) })
  @Field(() => String, {
    nullable: true,
    description: 'Why a check is null, in English; null when every applicable check passed.',
  })
  note: string | null;
}
