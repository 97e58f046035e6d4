/**
 * What JSON.parse lets through silently: a key given twice in one object (the last wins) and nesting so
 * deep that writing the value back (JSON.stringify) overflows the stack. One pass over the text, without
 * building the value; iterative, so any nesting is safe. The text is assumed to be JSON that parses (the
 * caller parses it too): the scanner only looks at structure.
 */

/** The deepest nesting of objects and arrays an import file may have (the format needs 4). */
export const MAX_JSON_DEPTH = 64;

export interface JsonStructureProblem {
  /** JSON path (`$.funding[2].amount`) of the duplicated key, or of the value nested too deep. */
  path: string;
  reason: string;
}

interface Frame {
  kind: 'object' | 'array';
  path: string;
  keys?: Set<string>;
  key?: string;
  index: number;
}

/** The first problem of the text's structure (prefix: the root's path, e.g. `$`), or null. */
export function jsonStructureProblem(
  text: string,
  prefix = '$',
  maxDepth = MAX_JSON_DEPTH,
): JsonStructureProblem | null {
  const stack: Frame[] = [];
  /** The path of the value that starts now, in the innermost container. */
  const here = (): string => {
    const frame = stack[stack.length - 1];
    if (!frame) return prefix;
    return frame.kind === 'array' ? `${frame.path}[${frame.index}]` : `${frame.path}${member(frame.key ?? '')}`;
  };
  let expectKey = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (char === '"') {
      const end = stringEnd(text, at);
      const frame = stack[stack.length - 1];
      if (expectKey && frame?.kind === 'object') {
        let key: string;
        try {
          key = JSON.parse(text.slice(at, end + 1)) as string;
        } catch {
          return null; // not JSON: the parser says so, with its own message
        }
        if (frame.keys!.has(key))
          return { path: `${frame.path}${member(key)}`, reason: `the key "${key}" is given twice in one object` };
        frame.keys!.add(key);
        frame.key = key;
        expectKey = false;
      }
      at = end;
    } else if (char === '{' || char === '[') {
      const path = here();
      if (stack.length >= maxDepth)
        return { path, reason: `nested deeper than ${maxDepth} levels of objects and arrays` };
      stack.push(
        char === '{' ? { kind: 'object', path, keys: new Set(), index: 0 } : { kind: 'array', path, index: 0 },
      );
      expectKey = char === '{';
    } else if (char === '}' || char === ']') {
      stack.pop();
      expectKey = false;
    } else if (char === ',') {
      const frame = stack[stack.length - 1];
      if (frame?.kind === 'array') frame.index += 1;
      else expectKey = true;
    }
  }
  return null;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at += 1) {
    if (text[at] === '\\') at += 1;
    else if (text[at] === '"') return at;
  }
  return text.length - 1;
}

/** `.key`, or `["key"]` for a key that is not a plain name. */
const member = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
