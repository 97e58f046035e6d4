import { Field, ObjectType } from 'type-graphql';
import { Currency } from '../domain/enums';
import { BGN_PER_EUR, convert, eurToBgn, fromCents, toCents } from '../domain/money';
import { DecimalScalar } from './scalars';

/** An amount of money in one currency. */
@ObjectType({
  simpleResolvers: true,
  description:
    'An exact amount of money, in the currency asked: as published, or converted from the other currency at the fixed 1.95583 BGN/EUR, half-up to the cent (`converted` says which).',
})
export class Money {
  @Field(() => DecimalScalar, { description: 'Exact amount with two decimals, as a string (e.g. "1555364.20").' })
  amount: string;

  @Field(() => Currency, { description: 'Currency of `amount`.' })
  currency: Currency;

  @Field({
    description:
      'True when `amount` is converted at the fixed 1.95583 BGN/EUR from a figure published in the other currency; false when it is the figure as published.',
  })
  converted: boolean;

  /** A figure published in BGN, in the currency asked. */
  static fromBgn(amountBgn: string | null, currency: Currency): Money | null {
    if (amountBgn === null) return null;
    return Object.assign(new Money(), {
      amount: convert(amountBgn, currency),
      currency,
      converted: currency !== Currency.BGN,
    });
  }

  /** A figure as published in `published`, in the currency asked. */
  static published(amount: string, published: Currency, currency: Currency): Money {
    if (published === Currency.BGN) return Money.fromBgn(amount, currency)!;
    const value = currency === Currency.EUR ? fromCents(toCents(amount)) : eurToBgn(amount);
    return Object.assign(new Money(), { amount: value, currency, converted: currency !== Currency.EUR });
  }
}

@ObjectType({ simpleResolvers: true, description: 'The fixed conversion rate used for EUR values.' })
export class ExchangeRate {
  @Field(() => DecimalScalar, {
    description: 'BGN per EUR: 1.95583, fixed since Bulgaria joined the euro area (1 January 2026).',
  })
  bgnPerEur: string = BGN_PER_EUR;
}
