import type { FundingKind, QualityFlagCode, Severity } from '../domain/enums';

/** What the quality rules share (quality.ts, quality-funding.ts). */

/** Records a flag. */
export type Flag = (code: QualityFlagCode, severity: Severity, field: string, message: string) => void;
/** The exact amount the sources agree on for a programme (or PROJECT), kind and currency; null otherwise. */
export type Exact = (programme: string, kind: FundingKind, currency: string) => string | null;

export const distinct = <T>(values: T[]): T[] => [...new Set(values)];
export const cite = (value: string, source: string) => `${value} (${source})`;
