import type { EntityManager } from 'typeorm';
import { sql } from './sql';

/** The state of the data: how many imports changed it (and reference loads), and when the last did. */
export interface DataRevision {
  revision: number;
  changedAt: Date;
}

/** In a writer's transaction: the data change, so the revision moves on (visible when it commits). */
export async function bumpDataRevision(manager: EntityManager): Promise<void> {
  await manager.query('UPDATE data_revision SET revision = revision + 1, changed_at = now() WHERE id = 1');
}

export async function readDataRevision(manager: EntityManager): Promise<DataRevision> {
  const [row]: { revision: string; changed_at: Date }[] = await manager.query(
    'SELECT revision, changed_at FROM data_revision WHERE id = 1',
  );
  return { revision: Number(row?.revision ?? 0), changedAt: row?.changed_at ?? new Date(0) };
}

/**
 * How many projects there are, in the statement's snapshot: kept by triggers on `projects` (migration
 * ProjectTotal1796177000000), so that an unfiltered list does not count them.
 */
export const PROJECT_TOTAL = sql`(SELECT projects FROM data_revision WHERE id = 1)`;
