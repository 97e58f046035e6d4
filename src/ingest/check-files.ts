import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { checkFile, type FileCheck } from './check-file';
import type { FileLocation, InputFile } from './project-file';
import type { KnownCodes } from './validate';

/** From this many files on, an import checks them in worker threads. */
const PARALLEL_FROM = 1_000;
/** Files per task, and tasks handed out ahead of the one being merged (the results wait in memory). */
const BATCH = 250;
const AHEAD = 6;
/** The compiled worker (dist/); under ts-jest there is none and the files are checked in this thread. */
const WORKER = path.join(__dirname, 'check-worker.js');

/**
 * Pass 1 of an import, file by file, yielding each file's check in file order. A large import of files
 * on disk (the command line's) is checked by two worker threads (piscina, a maintained pool: it starts,
 * feeds and ends the workers, and turns a worker's crash into a rejected task), with PostgreSQL idle
 * meanwhile: 265,000 files took 130 s on the main thread. Files given as text (the HTTP import, the
 * seeds, tests) and smaller imports are checked here, as before.
 */
export function checkFiles(files: InputFile[], known: KnownCodes): { threads: number; checks: AsyncGenerator<[InputFile, FileCheck]> } {
  const threads = Math.min(2, availableParallelism());
  if (files.length < PARALLEL_FROM || threads < 2 || !files.every((file) => file.location) || !fs.existsSync(WORKER)) {
    return { threads: 0, checks: inThisThread(files, known) };
  }
  return { threads, checks: inWorkers(files, known, threads) };
}

async function* inThisThread(files: InputFile[], known: KnownCodes): AsyncGenerator<[InputFile, FileCheck]> {
  for (const file of files) yield [file, checkFile(file, known)];
}

async function* inWorkers(files: InputFile[], known: KnownCodes, threads: number): AsyncGenerator<[InputFile, FileCheck]> {
  const pool = new Piscina<FileLocation[], FileCheck[]>({ filename: WORKER, minThreads: threads, maxThreads: threads, workerData: known });
  try {
    const pending: Promise<FileCheck[]>[] = [];
    let handedOut = 0;
    const handOut = () => {
      const task = pool.run(files.slice(handedOut, handedOut + BATCH).map((file) => file.location!));
      // Awaited in order below; until then a failure must not count as unhandled.
      task.catch(() => undefined);
      pending.push(task);
      handedOut += BATCH;
    };
    while (pending.length < AHEAD && handedOut < files.length) handOut();
    for (let start = 0; start < files.length; start += BATCH) {
      const checks = await pending.shift()!;
      if (handedOut < files.length) handOut();
      for (let index = 0; index < checks.length; index += 1) yield [files[start + index], checks[index]];
    }
  } finally {
    await pool.destroy();
  }
}
