import type { EntityManager } from 'typeorm';
import { copyLines } from './copy';
import { lockImports } from './import-lock';
import type { ProjectFile } from './project-file';
import { amountLines, PROJECT_AMOUNT_COLUMNS } from './project-amounts';
import { computeQuality, QUALITY_RULES_VERSION } from './quality';

const MARKER = 'project-amounts';
const BATCH = 1_000;

/**
 * At start: recomputes every project's `project_amounts` from its stored file when they were computed under
 * other rules (or never were, as in a database migrated from before the table existed). Cheap when nothing
 * changed. Runs inside the caller's transaction, holding the writers' lock.
 */
export async function ensureProjectAmounts(manager: EntityManager): Promise<number> {
  await lockImports(manager);
  const version = String(QUALITY_RULES_VERSION);
  const [stored] = await manager.query('SELECT content_hash FROM reference_data WHERE name = $1', [MARKER]);
  if (stored?.content_hash === version) return 0;
  // Maintenance at start, not a request: the request deadline does not apply.
  await manager.query('SET LOCAL statement_timeout = 0');
  await manager.query('DELETE FROM project_amounts');
  let last = 0;
  let count = 0;
  for (;;) {
    const rows: { id: number; document: string }[] = await manager.query(
      'SELECT id, document FROM projects WHERE id > $1 ORDER BY id LIMIT $2',
      [last, BATCH],
    );
    if (rows.length === 0) break;
    const lines = rows.flatMap((row) =>
      amountLines(row.id, computeQuality(JSON.parse(row.document) as ProjectFile).amounts),
    );
    await copyLines(manager, 'project_amounts', PROJECT_AMOUNT_COLUMNS, lines);
    last = rows[rows.length - 1].id;
    count += rows.length;
  }
  await manager.query(
    `INSERT INTO reference_data (name, content_hash, loaded_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO UPDATE SET content_hash = EXCLUDED.content_hash, loaded_at = EXCLUDED.loaded_at`,
    [MARKER, version],
  );
  return count;
}
