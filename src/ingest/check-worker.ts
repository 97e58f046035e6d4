import { Piscina } from 'piscina';
import { type BatchCheck, checkBatch } from './check-file';
import type { CheckTask } from './check-files';
import { besideFile } from './read-file';
import type { KnownCodes } from './validate';

/** A worker of check-files.ts: pass 1 for a batch of files on disk, with the codes the database knows. */
const known = Piscina.workerData as KnownCodes;
/** One reader of `<key>.txt` per directory (it lists the directory once). */
const readers = new Map<string, (key: string) => string | undefined>();

export default function check({ first, locations }: CheckTask): BatchCheck {
  const files = locations.map((location) => {
    let sourceText = readers.get(location.besideDir);
    if (!sourceText) readers.set(location.besideDir, (sourceText = besideFile(location.besideDir, location.maxBytes)));
    return { name: location.name, location, sourceText };
  });
  return checkBatch(files, first, known);
}
