import { Client, type ClientConfig } from 'pg';
import type { DataRevision } from './data-revision';

/**
 * A read-only view of the database as it was at one moment, held open on a connection of its own (outside
 * the pool and its lanes) so that other connections can join it: each page of an export reads the same
 * state (`SET TRANSACTION SNAPSHOT`), whatever an import commits meanwhile. The data revision is read in
 * the same view. `close` gives the connection back.
 */
export class SharedSnapshot {
  private constructor(
    private readonly client: Client,
    readonly id: string,
    readonly revision: DataRevision,
  ) {}

  static async open(config: ClientConfig): Promise<SharedSnapshot> {
    const client = new Client(config);
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<{ id: string; revision: string; changed_at: Date }>(
        'SELECT pg_export_snapshot() AS id, revision, changed_at FROM data_revision WHERE id = 1',
      );
      const [row] = rows;
      return new SharedSnapshot(client, row.id, { revision: Number(row.revision), changedAt: row.changed_at });
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}

/** The statements that make a connection's next transaction read a shared snapshot (its id as PostgreSQL writes it). */
export function joinSnapshotStatements(id: string): string[] {
  if (!/^[0-9A-F]+-[0-9A-F]+-[0-9A-F]+$/i.test(id)) throw new Error(`not a snapshot id: ${id}`);
  return ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', `SET TRANSACTION SNAPSHOT '${id}'`];
}
