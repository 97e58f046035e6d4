import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { type BatchCheck, checkBatch } from './check-file';
import type { FileLocation, InputFile, InputFiles } from './input-files';
import type { KnownCodes } from './validate';

/** From this many files on, an import checks them in worker threads. */
const PARALLEL_FROM = 1_000;
/** Files per batch (a worker's task), and tasks handed out ahead of the one being merged (the results wait in memory). */
const BATCH = 250;
const AHEAD = 6;
/** A worker's task: files on disk, the first being the import's file `first`. */
export interface CheckTask {
  first: number;
  locations: FileLocation[];
}
/** The compiled worker (dist/); under ts-jest there is none and the files are checked in this thread. */
const WORKER = path.join(__dirname, 'check-worker.js');

/**
 * Pass 1 of an import, a batch of files at a time (checkBatch), yielding the batches in file order. A large import of files
 * on disk (the command line's) is checked by two worker threads (piscina, a maintained pool: it starts,
 * feeds and ends the workers, and turns a worker's crash into a rejected task), since PostgreSQL is idle
 * meanwhile. Files given as text (the HTTP import, the seeds, tests) and smaller imports are checked on
 * this thread.
 */
export function checkFiles(
  files: InputFiles,
  known: KnownCodes,
): { threads: number; checks: AsyncGenerator<BatchCheck> } {
  const threads = Math.min(2, availableParallelism());
  if (files.length < PARALLEL_FROM || threads < 2 || !everyOnDisk(files) || !fs.existsSync(WORKER)) {
    return { threads: 0, checks: inThisThread(files, known) };
  }
  return { threads, checks: inWorkers(files, known, threads) };
}

const everyOnDisk = (files: InputFiles) => {
  for (let index = 0; index < files.length; index += 1) if (!files.at(index)!.location) return false;
  return true;
};

async function* inThisThread(files: InputFiles, known: KnownCodes): AsyncGenerator<BatchCheck> {
  for (let first = 0; first < files.length; first += BATCH) {
    const batch: InputFile[] = [];
    for (let index = first; index < Math.min(first + BATCH, files.length); index += 1) batch.push(files.at(index)!);
    yield checkBatch(batch, first, known);
  }
}

async function* inWorkers(files: InputFiles, known: KnownCodes, threads: number): AsyncGenerator<BatchCheck> {
  // A bounded old generation per worker. It leaves room for the largest file allowed: parsed and
  // validated, a file takes up to about ten times its size (the command line gives every file one limit).
  // The young generation keeps V8's default: a smaller one lowers the peak RSS but lets more survive into
  // the old generations, and pass 1 of a large import then takes markedly longer (docs/benchmarks.md).
  const largest = files.at(0)!.location!.maxBytes;
  const pool = new Piscina<CheckTask, BatchCheck>({
    filename: WORKER,
    minThreads: threads,
    maxThreads: threads,
    workerData: known,
    resourceLimits: { maxOldGenerationSizeMb: Math.max(128, Math.ceil((10 * largest) / 2 ** 20)) },
  });
  try {
    const pending: Promise<BatchCheck>[] = [];
    let handedOut = 0;
    const handOut = () => {
      const locations: FileLocation[] = [];
      for (let index = handedOut; index < Math.min(handedOut + BATCH, files.length); index += 1)
        locations.push(files.at(index)!.location!);
      const task = pool.run({ first: handedOut, locations });
      // Awaited in order below; until then a failure must not count as unhandled.
      task.catch(() => undefined);
      pending.push(task);
      handedOut += BATCH;
    };
    while (pending.length < AHEAD && handedOut < files.length) handOut();
    while (pending.length > 0) {
      const batch = await pending.shift()!;
      if (handedOut < files.length) handOut();
      yield batch;
    }
  } finally {
    await pool.destroy();
  }
}
