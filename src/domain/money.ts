/**
 * Exact money arithmetic on decimal strings ("1555364.20") through integer cents (BigInt): never
 * floats. EUR is derived from BGN at the fixed rate 1.95583 BGN/EUR, rounded half-up to the cent.
 */
export const BGN_PER_EUR = '1.95583';
const RATE_NUMERATOR = 195583n; // 1.95583 × 100000
const RATE_SCALE = 100000n;

export function toCents(amount: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a decimal amount with at most 2 places: "${amount}"`);
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0') || '0');
  return match[1] ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  const text = `${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Half-up (away from zero) division of integers. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** BGN → EUR at 1.95583, half-up to the cent: "1555364.20" → "795245.09". */
export function bgnToEur(amountBgn: string): string {
  return fromCents(divideRoundHalfUp(toCents(amountBgn) * RATE_SCALE, RATE_NUMERATOR));
}

/** EUR → BGN at 1.95583, half-up to the cent: "810828.79" → "1585853.27". */
export function eurToBgn(amountEur: string): string {
  return fromCents(divideRoundHalfUp(toCents(amountEur) * RATE_NUMERATOR, RATE_SCALE));
}

/**
 * Whether a BGN and an EUR figure can be one budget, one converted from the other: their ratio is within
 * the rates converters use (the fixed 1.95583, or about 1.9608 for EU portals such as Kohesio). Outside
 * that band they are two different budgets.
 */
export function sameBudgetConverted(amountBgn: string, amountEur: string): boolean {
  const eur = toCents(amountEur);
  if (eur === 0n) return toCents(amountBgn) === 0n;
  const ratio = Number((toCents(amountBgn) * 1_000_000n) / eur) / 1_000_000;
  return ratio >= 1.955 && ratio <= 1.962;
}

/** An amount already written as fromCents writes it (no sign, no leading zero, two decimals), as PostgreSQL's numeric(…, 2) gives it. */
const CANONICAL = /^(?:0|[1-9]\d*)\.\d\d$/;

export function convert(amountBgn: string, currency: 'BGN' | 'EUR'): string {
  if (currency === 'EUR') return bgnToEur(amountBgn);
  return CANONICAL.test(amountBgn) ? amountBgn : fromCents(toCents(amountBgn));
}
