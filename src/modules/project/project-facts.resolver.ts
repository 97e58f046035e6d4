import { Arg, type ClassType, Ctx, Field, FieldResolver, Float, ObjectType, Resolver, Root } from 'type-graphql';
import { Currency } from '../../domain/enums';
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
import type { Context } from '../context';
import { Money } from '../../graphql/money';

/** `source` on every sourced statement type, loaded in one batch per request. */
function sourceResolver<T extends ProjectFact>(type: ClassType<T>) {
  @Resolver(() => type)
  class SourceOfFact {
    @FieldResolver(() => Source, { description: 'Where this statement comes from.' })
    source(@Root() fact: T, @Ctx() { loaders }: Context) {
      return loaders.sourceByKey.load(fact.sourceKey);
    }

    @FieldResolver(() => Boolean, {
      description:
        'True when the text this statement quotes was found in the text the hub holds of its source; false when it quotes nothing or the hub holds no text of the source.',
    })
    async verified(@Root() fact: T, @Ctx() { loaders }: Context): Promise<boolean> {
      // Imports refuse a quote missing from its source's text, and a new text missing a stored quote.
      const quote = fact.asPublished ?? (fact as { quote?: string }).quote;
      if (!quote) return false;
      return Boolean((await loaders.sourceByKey.load(fact.sourceKey))?.textSha256);
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
    nullable: true,
    description:
      'The amount in BGN, or converted to EUR at the fixed 1.95583. Null when the source published it in EUR (EU portals convert at their own rate, about 1.9608): see `publishedAmount`.',
  })
  amount(
    @Root() row: FundingAmount,
    @Arg('currency', () => Currency, {
      defaultValue: Currency.BGN,
      description: 'BGN (as published) or EUR (converted).',
    })
    currency: Currency,
  ) {
    return row.currency === Currency.BGN ? Money.fromBgn(row.amount, currency) : null;
  }

  @FieldResolver(() => Money, { description: 'The amount exactly as published, in the currency the source used.' })
  publishedAmount(@Root() row: FundingAmount) {
    return Money.of(row.amount, row.currency as Currency);
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
  @Field({ description: 'Oblast code, e.g. `SZR`.' })
  code: string;

  @Field({ description: 'Name in Bulgarian, e.g. "Стара Загора".' })
  name: string;

  @Field({ description: 'Name in Latin script, e.g. "Stara Zagora".' })
  nameLatin: string;
}

export const FACT_RESOLVERS = [
  sourceResolver(PeriodStatement),
  sourceResolver(Contract),
  sourceResolver(FundingAmount),
  sourceResolver(Partnership),
  sourceResolver(Activity),
  sourceResolver(TargetGroup),
  sourceResolver(IndicatorValue),
  sourceResolver(ProcedureCitation),
  programmeResolver(Contract),
  programmeResolver(FundingAmount),
  programmeResolver(Partnership),
  programmeResolver(Activity),
  programmeResolver(TargetGroup),
  FundingAmountResolver,
  PartnershipResolver,
  IndicatorValueResolver,
];
