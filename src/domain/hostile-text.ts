/** NUL characters and lone UTF-16 surrogates: no published text contains them, and PostgreSQL refuses them. */
export const HOSTILE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Paths (`$x.list[2].name`, `… (a key)` for an object key) of the strings under `roots` that hold
 * hostile text, sorted; at most `max` of them. Iterative, so any nesting is safe; `maxVisited` bounds
 * the values looked at.
 */
export function hostileTextPaths(
  roots: [unknown, string][],
  max: number,
  maxVisited = Number.POSITIVE_INFINITY,
): string[] {
  const found: string[] = [];
  const stack = [...roots];
  let visited = 0;
  while (stack.length > 0 && found.length < max && visited++ < maxVisited) {
    const [value, at] = stack.pop()!;
    if (typeof value === 'string') {
      if (HOSTILE_TEXT.test(value)) found.push(at);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, `${at}[${index}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (HOSTILE_TEXT.test(key)) found.push(`${at} (a key)`);
        stack.push([item, `${at}.${key}`]);
      }
    }
  }
  return found.sort();
}
