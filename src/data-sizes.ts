import type { ClientConfig } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { DataSizes } from './graphql/data-sizes';
import type { HttpCache } from './graphql/http-cache';
import { listenForDataChanges, type ResponseCache } from './graphql/response-cache';
import type { Logger } from './logger';
import { readDataMeasures } from './db/data-measures';
import { readAggregateSizes } from './modules/comparison/aggregate.cost';
import { readComparisonSizes } from './modules/comparison/comparison.cost';

/**
 * Gives the cost analysis the longest texts and lists the data hold now (db/data-measures.ts, and the
 * comparison's own), at start and after each import's notification. On failure the last sizes stay: they
 * were true a moment ago, and an import cannot commit while the database is away.
 */
export async function refreshDataSizes(dataSource: DataSource, sizes: DataSizes, logger: Logger): Promise<void> {
  try {
    sizes.update({
      ...(await readDataMeasures(dataSource.manager)),
      ...(await readComparisonSizes(dataSource.manager)),
      ...(await readAggregateSizes(dataSource.manager)),
      ...(await readTableCounts(dataSource.manager)),
    });
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      'could not read the list sizes for the cost analysis; the previous ones stay',
    );
  }
}

/** How many projects and sources there are: no page of them is longer. */
async function readTableCounts(manager: EntityManager): Promise<Record<string, number>> {
  const [row]: { projects: number; sources: number }[] = await manager.query(
    'SELECT (SELECT count(*) FROM projects)::int AS projects, (SELECT count(*) FROM sources)::int AS sources',
  );
  return { 'count:Project': row.projects, 'count:Source': row.sources };
}

/**
 * What follows the data, read now and again after every import's notification (the response cache is
 * emptied then): the sizes the cost analysis reads, and the revision the ETags name. Returns the listener.
 */
export async function followData(
  database: { dataSource: DataSource; connection: ClientConfig },
  followers: { cache: ResponseCache; sizes: DataSizes; httpCache: HttpCache },
  logger: Logger,
): Promise<{ close(): Promise<void> }> {
  const { cache, sizes, httpCache } = followers;
  await refreshDataSizes(database.dataSource, sizes, logger);
  await httpCache.refresh();
  return listenForDataChanges(database.connection, cache, logger, () => {
    void refreshDataSizes(database.dataSource, sizes, logger);
    void httpCache.refresh();
  });
}
