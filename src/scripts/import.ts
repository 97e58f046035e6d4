/**
 * `npm run import -- <files...>`: validates project files (schema/project-import.schema.json) and
 * loads them in one transaction into the hub's database (DATABASE_URL, or the embedded PostgreSQL
 * in HUB_DATA_DIR: the running hub's, when one runs on it). Any error and nothing is written; each
 * error names file, JSON path and reason. Arguments may be files or directories (their *.json files).
 * `--check` validates and reports what would happen, writing nothing. `--allow-mixing` lets
 * synthetic benchmark data and the real dataset share a database.
 * Exit codes: 0 imported (or checked), 1 refused (validation), 2 could not run.
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { openToolDatabase } from '../db/tool-database';
import { importProjectFiles } from '../ingest/import-projects';
import { ImportValidationError } from '../ingest/import-errors';
import { DEFAULT_MAX_FILE_BYTES, ListedFiles } from '../ingest/read-file';
import { loadReferenceData } from '../ingest/reference';
import { createLogger } from '../logger';
import { exitAfterOutput, runCommand } from './run-command';

async function main(): Promise<number> {
  const flags = ['--allow-mixing', '--allow-municipality-change', '--allow-source-change', '--as-seed', '--check'];
  const check = process.argv.includes('--check');
  const allowMixing = process.argv.includes('--allow-mixing');
  const allowMunicipalityChange = process.argv.includes('--allow-municipality-change');
  const allowSourceChange = process.argv.includes('--allow-source-change');
  const args = process.argv.slice(2).filter((arg) => !flags.includes(arg));
  const unknown = args.find((arg) => arg.startsWith('--'));
  if (args.length === 0 || unknown) {
    if (unknown) console.error(`${unknown}: unknown option`);
    console.error(
      'usage: npm run import -- [--check] [--allow-mixing] [--allow-municipality-change] [--allow-source-change] [--as-seed] <project.json | directory> ...',
    );
    return 2;
  }
  const files = new ListedFiles(Number(process.env.HUB_IMPORT_MAX_FILE_BYTES || DEFAULT_MAX_FILE_BYTES));
  for (const arg of args) {
    try {
      files.add(arg);
    } catch (error) {
      console.error(`${arg}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return 2;
    }
  }
  const stopping = stopWhenAsked();
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'component2-hub-import');
  const database = await openToolDatabase(config, logger);
  try {
    await database.dataSource.transaction((manager) => loadReferenceData(manager, config.seedsDir));
    const started = Date.now();
    // --as-seed: the files are the curated versions (seeds/projects/…), loaded again at every start.
    const origin = process.argv.includes('--as-seed') ? 'SEED' : 'IMPORT';
    const author = origin === 'SEED' ? 'seed' : 'cli';
    // Counts and warnings as they come, not lists: the command's memory does not grow with the number of files.
    const report = await importProjectFiles(database.dataSource, files, {
      allowMixing,
      allowMunicipalityChange,
      allowSourceChange,
      origin,
      author,
      beforeCommit: stopping.check,
      dryRun: check,
      listProjects: false,
      onWarning: (warning) =>
        console.error(`warning: ${warning.file} ${warning.path}: ${warning.code}: ${warning.message}`),
    }).catch((error: unknown) => {
      // Stopped: the stop has said so and exits the process; nothing more to say.
      if (stopping.stopped()) return new Promise<never>(() => undefined);
      throw error;
    });
    stopping.end();
    const seconds = (Date.now() - started) / 1000;
    console.log(`${check ? 'checked, nothing written' : 'written'}: ${database.description}`);
    console.log(
      `${check ? 'would import' : 'imported'} ${files.length} file(s) in ${seconds.toFixed(1)} s (${(files.length / seconds).toFixed(0)} projects/s` +
        `${report.checkThreads ? `, checked by ${report.checkThreads} worker threads` : ''}): ` +
        `${report.counts.created} created, ${report.counts.updated} updated, ${report.counts.unchanged} unchanged; ` +
        `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/**
 * Until the import has committed, SIGTERM, SIGINT or the end of the parent process (`npm run import` killed,
 * even with SIGKILL) stop it: the reason is said, the import can no longer commit (`check`, called right
 * before the commit, throws; it also looks at the parent once more), and the process exits once its output
 * has left it, with the transaction uncommitted, which PostgreSQL rolls back (an embedded PostgreSQL this
 * command started is stopped by its watchdog). `end` ends the watch once the import has returned.
 */
function stopWhenAsked(): { check: () => void; stopped: () => boolean; end: () => void } {
  const parent = process.ppid;
  let stopped = false;
  const stop = (why: string, code: number) => {
    if (stopped) return;
    stopped = true;
    console.error(`import stopped by ${why} before it committed: rolled back, nothing was written`);
    exitAfterOutput(code);
  };
  const orphan = () => {
    if (process.ppid !== parent) stop(`the end of its parent process (${parent})`, 143);
  };
  const onTerm = () => stop('SIGTERM', 143);
  const onInt = () => stop('SIGINT', 130);
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  const orphaned = setInterval(orphan, 250);
  orphaned.unref();
  return {
    check: () => {
      orphan();
      if (stopped) throw new Error('import stopped before it committed');
    },
    stopped: () => stopped,
    end: () => {
      clearInterval(orphaned);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
    },
  };
}

runCommand('import', main, [ImportValidationError]);
