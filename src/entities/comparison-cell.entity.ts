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

/**
 * One metric of one municipality on one basis (ANY for metrics not built on outcome figures),
 * computed at import with exact fractions; the currency conversion and the ranking happen when
 * it is read (they depend on the request).
 */
@Entity('comparison_cells')
export class ComparisonCellRecord {
  @PrimaryColumn('text')
  municipalityCode: string;

  @PrimaryColumn('text')
  metric: string;

  /** PLANNED, ACHIEVED, BEST_AVAILABLE, or ANY. */
  @PrimaryColumn('text')
  basis: string;

  /** The value, its parts, basis and qualifier (`StoredCell`): exact num/den as decimal strings. Small: what ranking needs. */
  @Column('jsonb')
  cell: unknown;
}

/**
 * A cell's caveats and source keys (`StoredDetails`), apart from the cell: they can be large (one
 * caveat per project) and are read only when a request selects them.
 */
@Entity('comparison_cell_details')
export class ComparisonCellDetailsRecord {
  @PrimaryColumn('text')
  municipalityCode: string;

  @PrimaryColumn('text')
  metric: string;

  @PrimaryColumn('text')
  basis: string;

  @Column('jsonb')
  details: unknown;
}
