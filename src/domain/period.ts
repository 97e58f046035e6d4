/**
 * Months between a start date and an end date, both inclusive: 2021-10-01 … 2023-06-30 is 21.0.
 * Whole calendar months, plus the remaining days as a fraction of the next month's length.
 */
export function monthsBetween(start: string, end: string): number {
  const [sy, sm, sd] = start.split('-').map(Number);
  const [endYear, endMonth, endDay] = end.split('-').map(Number);
  const after = new Date(Date.UTC(endYear, endMonth - 1, endDay) + 86_400_000);
  const ey = after.getUTCFullYear();
  const em = after.getUTCMonth() + 1;
  const ed = after.getUTCDate();
  let whole = (ey - sy) * 12 + (em - sm);
  if (ed < sd) whole -= 1;
  const anchor = addMonths(sy, sm, sd, whole);
  const next = addMonths(sy, sm, sd, whole + 1);
  const fraction = (after.getTime() - anchor) / (next - anchor);
  return whole + fraction;
}

function addMonths(year: number, month: number, day: number, months: number): number {
  const index = month - 1 + months;
  const y = year + Math.floor(index / 12);
  const m = ((index % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(day, lastDay));
}

/** A real calendar date in `YYYY-MM-DD` form (2023-02-30 is not). */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
