import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { importProjectFilesWith } from './import-projects';
import type { InputFile } from './project-file';
import { loadReferenceData } from './reference';

/** The curated project files: `seeds/projects/*.json`, in name order. */
export function seedProjectFiles(seedsDir: string): InputFile[] {
  const dir = path.join(seedsDir, 'projects');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name: path.join('seeds', 'projects', name), content: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/**
 * Loads the curated dataset at start, in one transaction: reference data (when changed), then every
 * project file through the same importer as `npm run import`. Unchanged files change nothing.
 */
export async function loadSeeds(dataSource: DataSource, seedsDir: string, logger: Logger): Promise<void> {
  const started = Date.now();
  const files = seedProjectFiles(seedsDir);
  const { referenceLoaded, report } = await dataSource.transaction(async (manager) => {
    const referenceLoaded = await loadReferenceData(manager, seedsDir);
    const report = await importProjectFilesWith(manager, files);
    return { referenceLoaded, report };
  });
  logger.info(
    { referenceLoaded, created: report.created.length, updated: report.updated.length, unchanged: report.unchanged.length, ms: Date.now() - started },
    'seed dataset loaded',
  );
}
