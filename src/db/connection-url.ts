import { parse } from 'pg-connection-string';

/**
 * What may be said about a `DATABASE_URL` in logs and errors: user, database, and host and port (for
 * the server log only). The password never appears, whatever form the URL takes: `user:secret@`, an
 * empty user (`:secret@`), an unencoded `@` in the password, or `?password=`.
 */
export interface DatabaseUrlParts {
  user: string;
  host: string;
  port: string;
  database: string;
  /** Every spelling of the password that could appear in a message (raw and URL-encoded). */
  secrets: string[];
}

export function parseDatabaseUrl(url: string): DatabaseUrlParts {
  const parts = parse(url);
  const secrets = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.length > 0) {
      secrets.add(value);
      secrets.add(encodeURIComponent(value));
    }
  };
  add(parts.password);
  // What a naive reader would take for the password (everything between the first ':' and the last '@').
  const userInfo = /^[a-z]+:\/\/([^/?#]*)@/i.exec(url)?.[1];
  if (userInfo?.includes(':')) add(userInfo.slice(userInfo.indexOf(':') + 1));
  return {
    user: parts.user ?? '',
    host: parts.host ?? '',
    port: parts.port ?? '',
    database: parts.database ?? '',
    secrets: [...secrets].sort((a, b) => b.length - a.length),
  };
}

/** `postgres://user@host:port/database`: rebuilt from the parts, so nothing else of the URL can leak. */
export function describeDatabaseUrl(url: string): string {
  try {
    const { user, host, port, database } = parseDatabaseUrl(url);
    return `postgres://${user ? `${user}@` : ''}${host}${port ? `:${port}` : ''}/${database}`;
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** `text` with every spelling of the URL's password replaced by `***`. */
export function scrubSecrets(text: string, url: string | undefined): string {
  if (!url) return text;
  let secrets: string[];
  try {
    secrets = parseDatabaseUrl(url).secrets;
  } catch {
    return text.split(url).join('***');
  }
  let scrubbed = text.split(url).join(describeDatabaseUrl(url));
  for (const secret of secrets) scrubbed = scrubbed.split(secret).join('***');
  return scrubbed;
}
