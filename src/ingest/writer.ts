import pLimit from 'p-limit';
import type { DataSource } from 'typeorm';
import { type ImportOptions, type ImportReport, importProjectFiles } from './import-projects';
import type { InputFile } from './input-files';

/**
 * The hub's write path: imports run on the hub's pool (not a request's read connection), one at a
 * time per process (a second waits here, not on a pooled connection behind the database lock), with
 * their own statement deadline.
 */
export class Writer {
  private readonly queue = pLimit(1);

  constructor(
    private readonly dataSource: DataSource,
    private readonly statementTimeoutMs: number,
  ) {}

  importFiles(files: InputFile[], options: ImportOptions): Promise<ImportReport> {
    return this.queue(() =>
      importProjectFiles(this.dataSource, files, { ...options, statementTimeoutMs: this.statementTimeoutMs }),
    );
  }
}
