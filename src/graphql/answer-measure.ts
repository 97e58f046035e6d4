import { BYTES_PER_POINT } from './field-size';

/**
 * One walk of an answer's data, for the two measures taken after execution:
 * - its size in bytes of JSON (about: keys, quotes, separators), against the response size limit
 *   (execution-bounds.ts); counting stops past `byteLimit`;
 * - the points it actually weighs, by the same rule as the cost (field-cost.ts): every object its key and
 *   braces, every leaf its key and the bytes of its value (a list of leaves as a whole), in points of
 *   BYTES_PER_POINT bytes (`extensions.cost.actualQueryCost`, and what the throttle gives back).
 * `points` is complete only when `over` is false.
 */
export function measureAnswer(data: unknown, byteLimit = Infinity): { over: boolean; points: number } {
  let bytes = 0;
  const weigh = (value: unknown, keyLength: number, inList = false): number => {
    if (bytes > byteLimit) return 0;
    if (value === null || typeof value !== 'object') {
      const leaf = keyLength + 4 + leafValueBytes(value);
      bytes += leaf;
      return Math.ceil(leaf / BYTES_PER_POINT);
    }
    if (Array.isArray(value)) {
      if (!value.some((item) => item !== null && typeof item === 'object')) {
        const leaf = keyLength + 4 + leafValueBytes(value);
        bytes += leaf;
        return Math.ceil(leaf / BYTES_PER_POINT);
      }
      bytes += keyLength + 6 + value.length;
      let total = 0;
      for (const item of value) total += item === null ? ((bytes += 4), 0) : weigh(item, keyLength, true);
      return total;
    }
    // An item of a list has no key of its own in JSON, but weighs its list's key in points (field-cost.ts).
    bytes += inList ? 3 : keyLength + 6;
    let total = Math.ceil((keyLength + 6) / BYTES_PER_POINT);
    for (const key in value) total += weigh((value as Record<string, unknown>)[key], key.length);
    return total;
  };
  if (data === null || typeof data !== 'object') return { over: false, points: 0 };
  // The root `data` object itself is not a field.
  let points = 0;
  for (const key in data) points += weigh((data as Record<string, unknown>)[key], key.length);
  const over = bytes > byteLimit;
  if (!over) measured.set(data, points);
  return { over, points };
}

/** Points already measured, by the answer's data object: the size bound's walk gives them to the cost report. */
const measured = new WeakMap<object, number>();

/** The points an answer's data actually weighs (measureAnswer), taken from the walk of the size bound where it ran. */
export function actualCost(data: unknown): number {
  if (data !== null && typeof data === 'object') {
    const known = measured.get(data);
    if (known !== undefined) return known;
  }
  return measureAnswer(data).points;
}

/** Whether a value written as JSON takes more than `limit` bytes (stops counting past it). */
export function jsonBytesOver(value: unknown, limit: number): boolean {
  return measureAnswer(value, limit).over;
}

/** The bytes of a leaf value (or a list of them) as JSON. */
function leafValueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value) + 2;
  if (Array.isArray(value)) return 2 + value.reduce<number>((sum, item) => sum + leafValueBytes(item) + 1, 0);
  return value === undefined ? 4 : String(value).length;
}
