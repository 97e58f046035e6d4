import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { importProjectFilesWith } from './import-projects';
import { fileContent } from './read-file';
import { type InputFile } from './input-files';
import { loadReferenceData } from './reference';
import { besideFile } from './read-file';
import { rebuildComparisonCells } from '../modules/comparison/comparison-store';

/** The curated project files: `seeds/projects/*.json`, in name order. */
export function seedProjectFiles(seedsDir: string): InputFile[] {
  const dir = path.join(seedsDir, 'projects');
  if (!fs.existsSync(dir)) return [];
  const sourceText = besideFile(dir);
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      name: path.join('seeds', 'projects', name),
      content: fs.readFileSync(path.join(dir, name), 'utf8'),
      sourceText,
    }));
}

/**
 * Loads the curated dataset at start, in one transaction: reference data (when changed), then every
 * project file through the same importer as `npm run import`. Unchanged files change nothing.
 */
export async function loadSeeds(dataSource: DataSource, seedsDir: string, logger: Logger): Promise<void> {
  const started = Date.now();
  const all = seedProjectFiles(seedsDir);
  const { referenceLoaded, report, skipped } = await dataSource.transaction(async (manager) => {
    const referenceLoaded = await loadReferenceData(manager, seedsDir);
    // A project an import changed after its seed was loaded is left as the import wrote it.
    const keys = new Map(all.map((file) => [file, String((JSON.parse(fileContent(file)) as { key?: unknown }).key)]));
    const imported = new Set<string>(
      (
        await manager.query("SELECT key FROM projects WHERE origin = 'IMPORT' AND key = ANY($1::text[])", [
          [...keys.values()],
        ])
      ).map((row: { key: string }) => row.key),
    );
    const files = all.filter((file) => {
      if (!imported.has(keys.get(file)!)) return true;
      logger.info(
        { project: keys.get(file), file: file.name },
        'seed skipped: an import changed this project after its seed was loaded (re-import the seed file with --as-seed to go back to the curated version)',
      );
      return false;
    });
    const report = await importProjectFilesWith(manager, files, {
      origin: 'SEED',
      author: 'seed',
      listProjects: false,
    });
    // New populations change every municipality's per-resident figures.
    if (referenceLoaded) await rebuildComparisonCells(manager);
    for (const warning of report.warnings) logger.warn({ file: warning.file, code: warning.code }, warning.message);
    return { referenceLoaded, report, skipped: [...imported] };
  });
  logger.info(
    { referenceLoaded, ...report.counts, skipped: skipped.length, ms: Date.now() - started },
    'seed dataset loaded',
  );
}
