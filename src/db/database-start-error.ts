/** The database could not be started or reached at start: one clear sentence, and the tail of PostgreSQL's own log. */
export class DatabaseStartError extends Error {
  constructor(
    message: string,
    readonly postgresLogTail: string[] = [],
  ) {
    super(message);
  }
}
