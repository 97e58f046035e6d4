import type { ValueTransformer } from 'typeorm';

/**
 * NUMERIC stays a decimal string end to end ("1555364.20"): never a float. `pg` already returns
 * NUMERIC as text; this only normalises `null`.
 */
export const decimalString: ValueTransformer = {
  to: (value: string | null | undefined) => value ?? null,
  from: (value: string | null) => value,
};

/** PostgreSQL `date` as `YYYY-MM-DD` text (`pg` is configured not to parse dates into JS Dates). */
export const dateString: ValueTransformer = {
  to: (value: string | null | undefined) => value ?? null,
  from: (value: string | null) => value,
};
