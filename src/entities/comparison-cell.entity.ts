import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One municipality's projects as the comparison sees them, maintained by the importer in the
 * same transaction as every import (see `refreshComparisonCells`). Not exposed directly: the
 * `comparison` query reads it.
 */
@Entity('comparison_rows')
export class ComparisonRowRecord {
  @PrimaryColumn('text')
  municipalityCode: string;

  /** The municipality's project ids, in project key order. */
  @Column('int', { array: true })
  projectIds: number[];
}

/** The key of a stored comparison cell: municipality × metric × basis. */
abstract class ComparisonCellKey {
  @PrimaryColumn('text')
  municipalityCode: string;

  @PrimaryColumn('text')
  metric: string;

  /** PLANNED, ACHIEVED, BEST_AVAILABLE, or ANY (metrics not built on outcome figures). */
  @PrimaryColumn('text')
  basis: string;
}

/**
 * One metric of one municipality on one basis, computed at import with its values in BGN and EUR;
 * the ranking happens when it is read (it depends on the municipalities asked for).
 */
@Entity('comparison_cells')
export class ComparisonCellRecord extends ComparisonCellKey {
  /** The value, its parts (BGN and EUR, two decimals), basis and qualifier (`StoredCell`). Small: what ranking needs. */
  @Column('jsonb')
  cell: unknown;
}

/**
 * A cell's caveats and source keys (`StoredDetails`), apart from the cell: they can be large (one
 * caveat per project) and are read only when a request selects them.
 */
@Entity('comparison_cell_details')
export class ComparisonCellDetailsRecord extends ComparisonCellKey {
  @Column('jsonb')
  details: unknown;
}
