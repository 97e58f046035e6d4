import type { Request } from 'express';
import { HOSTILE_TEXT, hostileTextPaths } from '../../domain/hostile-text';

/** A bad export parameter: 400 naming it, before anything is streamed. */
export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** No parameter, known or not, may hold a NUL byte or a lone UTF-16 surrogate (no text in the hub can): 400 naming it. */
export function checkParameters(req: Request): void {
  for (const [name, value] of Object.entries(req.query)) {
    const values = Array.isArray(value) ? value : [value];
    if (HOSTILE_TEXT.test(name) || values.some((item) => typeof item === 'string' && HOSTILE_TEXT.test(item)))
      throw new ParameterError(
        name,
        `"${name.replace(HOSTILE_TEXT, '?')}" contains a NUL byte or a lone UTF-16 surrogate, which no text in the hub can contain`,
      );
  }
}

/** Single-valued query parameters, only those the export knows. */
export function parameters(req: Request, allowed: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (!allowed.includes(name))
      throw new ParameterError(name, `unknown parameter "${name}"; this export takes ${allowed.join(', ')}`);
    if (typeof value !== 'string') throw new ParameterError(name, `give "${name}" once, as a plain value`);
    result[name] = value;
  }
  return result;
}

/** A JSON parameter (`filter`), as the GraphQL argument. */
export function jsonParameter(params: Record<string, string>, name: string): unknown {
  if (params[name] === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(params[name]);
  } catch {
    throw new ParameterError(
      name,
      `"${name}" must be JSON, as the GraphQL argument, e.g. ${name}={"municipalityCodes":["SZR12"]}`,
    );
  }
  // JSON escapes (`"\u0000"`, `"\ud800"`) can make what the URL itself cannot carry.
  const [hostile] = hostileTextPaths([[value, name]], 1, 100_000);
  if (hostile)
    throw new ParameterError(
      hostile,
      `"${hostile}" contains a NUL byte or a lone UTF-16 surrogate, which no text in the hub can contain`,
    );
  return value;
}

/** A comma-separated list parameter. */
export const listParameter = (params: Record<string, string>, name: string): string[] | undefined =>
  params[name] === undefined
    ? undefined
    : params[name]
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

export function bomParameter(params: Record<string, string>): boolean {
  if (params.bom === undefined || params.bom === '0') return false;
  if (params.bom === '1') return true;
  throw new ParameterError('bom', '"bom" must be 1 (a UTF-8 byte-order mark first, for Excel) or 0');
}

/** The parameter a GraphQL error is about: a variable (`$filter` → filter.startDateFrom) or a resolver's argument. */
export function parameterOf(error: { message: string; extensions?: Record<string, unknown> }): string {
  if (typeof error.extensions?.argument === 'string') return error.extensions.argument;
  // graphql-js: 'Variable "$filter" got invalid value … at "filter.startDateFrom"'; the path starts with the variable.
  const variable = /Variable "\$(\w+)"/.exec(error.message);
  const at = /at "([\w.[\]]+)"/.exec(error.message);
  return at?.[1] ?? variable?.[1] ?? 'query';
}
