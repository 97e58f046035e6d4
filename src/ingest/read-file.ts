import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { firstInvalidUtf8Offset } from '../domain/utf8';
import type { InputFile, InputFiles } from './input-files';

/** Largest import file accepted by default (`HUB_IMPORT_MAX_FILE_BYTES`). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A file that cannot be taken as an import file: refused with a reason (exit 1), never read without bound. */
export class UnreadableFileError extends Error {}

/**
 * The text of an import file: a regular file (a device, FIFO or directory is refused, also behind a
 * symlink), at most `maxBytes` long (read with that bound, so a file that grows is not read on),
 * valid UTF-8 (the offset of the first bad byte is named). A byte-order mark is dropped by `fileContent`.
 */
export function readImportFile(name: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  let descriptor: number;
  try {
    descriptor = fs.openSync(name, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw new UnreadableFileError(
      `cannot be opened (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  try {
    const stat = fs.fstatSync(descriptor);
    if (!stat.isFile()) throw new UnreadableFileError('is not a regular file (only regular files are imported)');
    if (stat.size > maxBytes)
      throw new UnreadableFileError(`is ${stat.size} bytes, more than the limit of ${maxBytes} bytes`);
    // Sized from the file (one byte more, to notice a file that grew since); never more than maxBytes + 1.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > maxBytes) throw new UnreadableFileError(`is more than the limit of ${maxBytes} bytes`);
        const larger = Buffer.allocUnsafe(maxBytes + 1);
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = fs.readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw new UnreadableFileError(`is more than the limit of ${maxBytes} bytes`);
    const bytes = buffer.subarray(0, length);
    // Node's own check (native) first; the offset of the first bad byte is looked for only in a bad file.
    const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8Offset(bytes);
    if (bad >= 0) {
      throw new UnreadableFileError(
        `is not UTF-8: byte 0x${bytes[bad].toString(16).padStart(2, '0')} at byte offset ${bad} (save the file as UTF-8)`,
      );
    }
    return bytes.toString('utf8');
  } finally {
    fs.closeSync(descriptor);
  }
}

/**
 * Reads `<key>.txt` in `dir` when there is one (the text of a source, kept beside the project files).
 * The directory is read once, at the first look-up, instead of a stat per source and file: a text added
 * to the directory during an import is not seen by it. It is read entry by entry and only the `.txt`
 * names are kept, so that a directory of many project files costs no memory in each worker thread.
 */
export function besideFile(dir: string, maxBytes = DEFAULT_MAX_FILE_BYTES): (key: string) => string | undefined {
  let texts: Set<string> | undefined;
  return (key) => {
    texts ??= textNames(dir);
    return texts.has(`${key}.txt`) ? readImportFile(path.join(dir, `${key}.txt`), maxBytes) : undefined;
  };
}

function textNames(dir: string): Set<string> {
  const names = new Set<string>();
  const listing = fs.opendirSync(dir, { bufferSize: 256 });
  try {
    for (let entry = listing.readSync(); entry !== null; entry = listing.readSync()) {
      if (entry.name.endsWith('.txt')) names.add(entry.name);
    }
  } finally {
    listing.closeSync();
  }
  return names;
}

/**
 * The files the command line names, in order: each argument a file, or a directory standing for its
 * *.json files sorted by name. One name per file is kept and each entry (name, path, location) is made
 * when asked.
 */
export class ListedFiles implements InputFiles {
  length = 0;
  private readonly groups: {
    start: number;
    directory: string | null;
    names: string[];
    besideDir: string;
    beside: (key: string) => string | undefined;
  }[] = [];

  constructor(private readonly maxBytes = DEFAULT_MAX_FILE_BYTES) {}

  /** Adds a file or a directory (throws when it cannot be read). */
  add(arg: string): void {
    const directory = fs.statSync(arg).isDirectory();
    const names = directory
      ? fs
          .readdirSync(arg)
          .filter((name) => name.endsWith('.json'))
          .sort()
      : [arg];
    // A source's text may sit beside the file as <key>.txt: one reader per directory.
    const besideDir = path.resolve(directory ? arg : path.dirname(arg));
    this.groups.push({
      start: this.length,
      directory: directory ? arg : null,
      names,
      besideDir,
      beside: besideFile(besideDir, this.maxBytes),
    });
    this.length += names.length;
  }

  at(index: number): InputFile | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    let low = 0;
    let high = this.groups.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.groups[middle].start <= index) low = middle;
      else high = middle - 1;
    }
    const group = this.groups[low];
    const listed = group.names[index - group.start];
    const name = group.directory === null ? listed : path.join(group.directory, listed);
    return {
      name,
      sourceText: group.beside,
      location: { name, path: path.resolve(name), maxBytes: this.maxBytes, besideDir: group.besideDir },
    };
  }
}

/** The file's text, a UTF-8 byte-order mark dropped (every reader of an import file goes through here). */
export function fileContent(file: InputFile): string {
  const text =
    file.content ?? file.read?.() ?? (file.location && readImportFile(file.location.path, file.location.maxBytes));
  if (text === undefined) throw new Error(`${file.name}: no content`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
