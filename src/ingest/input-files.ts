/**
 * An input file: its name (for error messages) and its raw text, given directly or read on demand
 * (large imports read each file twice rather than hold every file in memory).
 */
export interface InputFile {
  name: string;
  content?: string;
  read?: () => string;
  /** The text of a source kept beside the file (`<key>.txt`), if there is one. */
  sourceText?: (key: string) => string | undefined;
  /** A file on disk, read from there when neither `content` nor `read` is given (a worker thread, which cannot take a closure, reads it the same way). */
  location?: FileLocation;
}

/**
 * The files of an import, in order: an array, or a listing that makes each entry when asked (the
 * command line's ListedFiles, so that an entry object per file is not kept).
 */
export interface InputFiles {
  readonly length: number;
  at(index: number): InputFile | undefined;
}

/** A file on disk: its name, its path, the largest size read, and the directory of its `<key>.txt` texts. */
export interface FileLocation {
  name: string;
  path: string;
  maxBytes: number;
  besideDir: string;
}
