import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { comparisonListSizes } from '../modules/comparison/comparison-cells';
import { updateDataSizes } from './cost';

/**
 * Gives the cost analysis the longest lists the data hold now (at start, and after each import's
 * notification). On failure the last sizes stay: they were true a moment ago, and an import cannot
 * commit while the database is away.
 */
export async function refreshDataSizes(dataSource: DataSource, logger: Logger): Promise<void> {
  try {
    updateDataSizes(await comparisonListSizes(dataSource.manager));
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      'could not read the list sizes for the cost analysis; the previous ones stay',
    );
  }
}
