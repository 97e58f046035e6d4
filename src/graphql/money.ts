import { Field, ObjectType } from 'type-graphql';
import { Currency } from '../domain/enums';
import { BGN_PER_EUR, convert } from '../domain/money';
import { DecimalScalar } from './scalars';

/** An amount of money in one currency. */
@ObjectType({
  simpleResolvers: true,
  description:
    'An exact amount of money. EUR amounts are converted from BGN at the fixed 1.95583 BGN/EUR, half-up to the cent.',
})
export class Money {
  @Field(() => DecimalScalar, { description: 'Exact amount with two decimals, as a string (e.g. "1555364.20").' })
  amount: string;

  @Field(() => Currency, { description: 'Currency of `amount`.' })
  currency: Currency;

  static fromBgn(amountBgn: string | null, currency: Currency): Money | null {
    if (amountBgn === null) return null;
    return Object.assign(new Money(), { amount: convert(amountBgn, currency), currency });
  }

  static of(amount: string, currency: Currency): Money {
    return Object.assign(new Money(), { amount, currency });
  }
}

@ObjectType({ simpleResolvers: true, description: 'The fixed conversion rate used for EUR values.' })
export class ExchangeRate {
  @Field(() => DecimalScalar, {
    description: 'BGN per EUR: 1.95583, fixed since Bulgaria joined the euro area (1 January 2026).',
  })
  bgnPerEur: string = BGN_PER_EUR;
}
