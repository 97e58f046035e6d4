import type { EntityManager } from 'typeorm';

/** Serialises writers (imports, seeds, recomputations): two at once would race on uniqueness and revisions. */
const IMPORT_LOCK = 2_056_002;

/** Takes the writers' lock until the caller's transaction ends. */
export async function lockImports(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
}
