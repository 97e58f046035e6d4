import {
  Arg,
  type ClassType,
  Ctx,
  Extensions,
  Field,
  FieldResolver,
  Float,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { Currency, PeriodField } from '../../domain/enums';
import { type CheckedValue, type Verification as Checked, verify } from '../../domain/verification';
import {
  Activity,
  Contract,
  FundingAmount,
  Indicator,
  IndicatorValue,
  Organisation,
  Partnership,
  PeriodStatement,
  ProcedureCitation,
  Programme,
  Source,
  TargetGroup,
} from '../../entities';
import type { ProjectFact } from '../../entities/project-fact';
import { Verification } from '../../entities/verification.type';
import type { Context } from '../context';
import { Money } from '../../graphql/money';

/** The value a statement types beside its quote (domain/verification.ts), by statement type. */
type ValueOf<T> = (fact: T) => CheckedValue;

/**
 * `source`, `verification` and `verified` on every sourced statement type, the source loaded in one batch
 * per request. `quoteOf` gives the statement's quote where it is not `asPublished` (a procedure citation's
 * words, a partner's name).
 */
function sourceResolver<T extends ProjectFact>(
  type: ClassType<T>,
  valueOf: ValueOf<T>,
  quoteOf: (fact: T, context: Context) => Promise<string | null> | string | null = (fact) => fact.asPublished,
) {
  @Resolver(() => type)
  class SourceOfFact {
    @FieldResolver(() => Source, { description: 'Where this statement comes from.' })
    source(@Root() fact: T, @Ctx() { loaders }: Context) {
      return loaders.sourceByKey.load(fact.sourceKey);
    }

    @FieldResolver(() => Verification, { description: 'What was checked of this statement, check by check.' })
    async verification(@Root() fact: T, @Ctx() context: Context): Promise<Checked> {
      const source = await context.loaders.sourceByKey.load(fact.sourceKey);
      return verify(await quoteOf(fact, context), valueOf(fact), Boolean(source?.textSha256));
    }

    @FieldResolver(() => Boolean, {
      description:
        'True when every applicable check of `verification` passed: the quote is in the source’s text and the value shown is the value it states.',
    })
    async verified(@Root() fact: T, @Ctx() context: Context): Promise<boolean> {
      return (await this.verification(fact, context)).verified;
    }
  }
  return SourceOfFact;
}

/** `programme` on statements that may name one. */
function programmeResolver<T extends { programmeCode: string | null }>(type: ClassType<T>) {
  @Resolver(() => type)
  class ProgrammeOfFact {
    @FieldResolver(() => Programme, {
      nullable: true,
      description: 'The programme (OP HRD or OP SESG); null when the source does not say.',
    })
    programme(@Root() fact: T, @Ctx() { loaders }: Context) {
      return fact.programmeCode ? loaders.programmeByCode.load(fact.programmeCode) : null;
    }
  }
  return ProgrammeOfFact;
}

@Resolver(() => FundingAmount)
export class FundingAmountResolver {
  @FieldResolver(() => Money, {
    description:
      'The amount in the currency asked: as published, or converted at the fixed 1.95583 BGN/EUR from the currency the source used (`converted` says which). An EU portal’s EUR figure (converted by the portal at its own rate, about 1.9608) is its figure in EUR, and a conversion in BGN.',
  })
  amount(
    @Root() row: FundingAmount,
    @Arg('currency', () => Currency, {
      defaultValue: Currency.BGN,
      description: 'BGN or EUR.',
    })
    currency: Currency,
  ) {
    return Money.published(row.amount, row.currency as Currency, currency);
  }

  @FieldResolver(() => Money, { description: 'The amount exactly as published, in the currency the source used.' })
  publishedAmount(@Root() row: FundingAmount) {
    return Money.published(row.amount, row.currency as Currency, row.currency as Currency);
  }
}

@Resolver(() => Partnership)
export class PartnershipResolver {
  @FieldResolver(() => Organisation, { description: 'The organisation.' })
  organisation(@Root() row: Partnership, @Ctx() { loaders }: Context) {
    return loaders.organisationById.load(row.organisationId);
  }
}

@Resolver(() => IndicatorValue)
export class IndicatorValueResolver {
  @FieldResolver(() => Indicator, { description: 'The indicator (code, name, unit, domain).' })
  indicator(@Root() row: IndicatorValue, @Ctx() { loaders }: Context) {
    return loaders.indicatorByCode.load(row.indicatorCode);
  }

  @FieldResolver(() => Float, {
    description:
      'The figure, in the indicator’s unit. Read it with `qualifier` (exact, at least, about) and `basis` (planned or achieved).',
  })
  value(@Root() row: IndicatorValue) {
    return Number(row.value);
  }
}

@ObjectType({ simpleResolvers: true, description: 'Oblast (province) of a municipality.' })
export class Oblast {
  @Extensions({ size: 'text:Municipality.oblastCode' })
  @Field({ description: 'Oblast code, e.g. `SZR`.' })
  code: string;

  @Extensions({ size: 'text:Municipality.oblastName' })
  @Field({ description: 'Name in Bulgarian, e.g. "Стара Загора".' })
  name: string;

  @Extensions({ size: 'text:Municipality.oblastNameLatin' })
  @Field({ description: 'Name in Latin script, e.g. "Stara Zagora".' })
  nameLatin: string;
}

const text = (): CheckedValue => ({ kind: 'text' });

export const FACT_RESOLVERS = [
  sourceResolver(PeriodStatement, (row) =>
    row.field === PeriodField.DURATION_MONTHS
      ? { kind: 'months', months: row.months ?? 0 }
      : { kind: 'date', date: row.date ?? '' },
  ),
  sourceResolver(Contract, (row) => ({ kind: 'contract', number: row.number })),
  sourceResolver(FundingAmount, (row) => ({
    kind: 'amount',
    amount: row.amount,
    currency: row.currency,
    qualifier: row.qualifier,
  })),
  sourceResolver(Partnership, text, async (row, { loaders }) => {
    return row.asPublished ?? (await loaders.organisationById.load(row.organisationId))?.name ?? null;
  }),
  sourceResolver(Activity, text),
  sourceResolver(TargetGroup, text),
  sourceResolver(IndicatorValue, (row) => ({ kind: 'count', value: Number(row.value), qualifier: row.qualifier })),
  sourceResolver(
    ProcedureCitation,
    () => ({ kind: 'procedure' }),
    (row) => row.quote,
  ),
  programmeResolver(Contract),
  programmeResolver(FundingAmount),
  programmeResolver(Partnership),
  programmeResolver(Activity),
  programmeResolver(TargetGroup),
  FundingAmountResolver,
  PartnershipResolver,
  IndicatorValueResolver,
];
