import type { DataSource } from 'typeorm';
import type { DataSizes } from './graphql/field-cost';
import type { Logger } from './logger';
import { readComparisonSizes } from './modules/comparison/comparison.cost';

/**
 * Gives the cost analysis the longest lists the data hold now (at start, and after each import's
 * notification), as each module that owns such a list reads them. On failure the last sizes stay: they
 * were true a moment ago, and an import cannot commit while the database is away.
 */
export async function refreshDataSizes(dataSource: DataSource, sizes: DataSizes, logger: Logger): Promise<void> {
  try {
    sizes.update(await readComparisonSizes(dataSource.manager));
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      'could not read the list sizes for the cost analysis; the previous ones stay',
    );
  }
}
