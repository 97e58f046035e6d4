/** COPY's text format, without the database: pass 1 (worker threads included) makes its lines here. */

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value as a field of COPY's text format: \N for NULL; backslash, newline, carriage return and tab escaped. */
export function copyField(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (json) text = JSON.stringify(value);
  else if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'object')
    throw new Error(`copyField: no COPY form for ${Object.prototype.toString.call(value)}`);
  else text = String(value);
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (character) => COPY_ESCAPES[character]) : text;
}
