import { Basis, Qualifier } from '../../domain/enums';
import { CaveatCode, MetricUnit } from './comparison.enums';

/**
 * The arithmetic of comparison figures: exact fractions (BigInt numerator over denominator; money as BGN
 * cents over 100), each carrying its qualifier, basis, caveats and sources, or the reason it is missing.
 * A missing part makes the whole missing; an approximate or lower-bound part makes the whole so. Pure:
 * no database, no GraphQL.
 */

/** A reason to read a value with care, or why it is null. */
export interface PlainCaveat {
  code: CaveatCode;
  message: string;
}

/** An exact quantity num/den (money: BGN cents over 100), with what is known about it. */
export interface Quantity {
  num: bigint;
  den: bigint;
  qualifier: Qualifier;
  basis: Basis | null;
  caveats: PlainCaveat[];
  sources: string[];
}

/** A figure that could not be had, and why. */
export interface Missing {
  missing: true;
  code: CaveatCode;
  message: string;
  sources: string[];
}

export type Figure = Quantity | Missing;

/** A numerator or denominator shown beside a value, with its unit. */
export interface Part {
  figure: Figure;
  unit: MetricUnit;
}

export const isMissing = (figure: Figure): figure is Missing => 'missing' in figure;
export const caveat = (code: CaveatCode, message: string): PlainCaveat => ({ code, message });

/** Exact sum; missing if any part is missing. */
export function sum(parts: Figure[]): Figure {
  if (parts.length === 1) return parts[0];
  const missing = parts.filter(isMissing);
  if (missing.length > 0) {
    return missing.length === 1
      ? missing[0]
      : {
          ...missing[0],
          message: missing.map((part) => part.message).join('; '),
          sources: missing.flatMap((part) => part.sources),
        };
  }
  const quantities = parts as Quantity[];
  if (quantities.length === 0)
    return { missing: true, code: CaveatCode.MISSING_NUMERATOR, message: 'no project', sources: [] };
  let den = quantities[0].den;
  for (const part of quantities) if (den % part.den !== 0n) den *= part.den;
  let num = 0n;
  let qualifier = Qualifier.EXACT;
  const bases = new Set<Basis | null>();
  const caveats: PlainCaveat[] = [];
  const sources: string[] = [];
  for (const part of quantities) {
    num += part.den === den ? part.num : part.num * (den / part.den);
    if (
      part.qualifier === Qualifier.APPROXIMATE ||
      (part.qualifier === Qualifier.AT_LEAST && qualifier === Qualifier.EXACT)
    )
      qualifier = part.qualifier;
    bases.add(part.basis);
    for (const item of part.caveats) caveats.push(item);
    for (const source of part.sources) sources.push(source);
  }
  if (bases.size > 1)
    caveats.push(caveat(CaveatCode.MIXED_BASIS, 'this value adds planned and achieved figures of different projects'));
  return { num, den, qualifier, basis: bases.size === 1 ? [...bases][0] : null, caveats, sources };
}

export function mean(parts: Figure[]): Figure {
  const total = sum(parts);
  return isMissing(total) ? total : { ...total, den: total.den * BigInt(parts.length) };
}

/** numerator ÷ denominator (× scale), missing when either is missing or the denominator is zero. */
export function divide(numerator: Figure, denominator: Figure, scale = 1n): Figure {
  if (isMissing(numerator)) return numerator;
  if (isMissing(denominator))
    return {
      ...denominator,
      code: denominator.code === CaveatCode.MISSING_NUMERATOR ? CaveatCode.MISSING_DENOMINATOR : denominator.code,
    };
  if (denominator.num === 0n)
    return {
      missing: true,
      code: CaveatCode.MISSING_DENOMINATOR,
      message: 'the denominator is zero',
      sources: denominator.sources,
    };
  const qualifier = [numerator.qualifier, denominator.qualifier].includes(Qualifier.APPROXIMATE)
    ? Qualifier.APPROXIMATE
    : [numerator.qualifier, denominator.qualifier].includes(Qualifier.AT_LEAST)
      ? Qualifier.AT_LEAST
      : Qualifier.EXACT;
  return {
    num: numerator.num * denominator.den * scale,
    den: numerator.den * denominator.num,
    qualifier,
    basis: numerator.basis ?? denominator.basis,
    caveats: [...numerator.caveats, ...denominator.caveats],
    sources: [...numerator.sources, ...denominator.sources],
  };
}
