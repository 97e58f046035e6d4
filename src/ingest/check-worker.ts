import { Piscina } from 'piscina';
import { checkFile, type FileCheck } from './check-file';
import type { FileLocation } from './project-file';
import { besideFile } from './read-file';
import type { KnownCodes } from './validate';

/** A worker of check-files.ts: pass 1 for a batch of files on disk, with the codes the database knows. */
const known = Piscina.workerData as KnownCodes;
/** One reader of `<key>.txt` per directory (it lists the directory once). */
const readers = new Map<string, (key: string) => string | undefined>();

export default function check(locations: FileLocation[]): FileCheck[] {
  return locations.map((location) => {
    let sourceText = readers.get(location.besideDir);
    if (!sourceText) readers.set(location.besideDir, (sourceText = besideFile(location.besideDir, location.maxBytes)));
    return checkFile({ name: location.name, location, sourceText }, known);
  });
}
