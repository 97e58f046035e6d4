import { type SQL, sql } from '../../db/sql';
import { Dimension } from './aggregate.enums';

/**
 * A group's readable label, or its Latin form, looked up once per result group (not per row): a
 * municipality's or oblast's name (official Latin name), a programme's abbreviation (short code), an
 * indicator's English name. Other dimensions' values are their own labels.
 */
export function labelOf(dimension: Dimension, key: SQL, latin: boolean): SQL {
  switch (dimension) {
    case Dimension.MUNICIPALITY:
      return latin
        ? sql`(SELECT name_latin FROM municipalities WHERE code = ${key})`
        : sql`(SELECT name FROM municipalities WHERE code = ${key})`;
    case Dimension.OBLAST:
      return latin
        ? sql`(SELECT oblast_name_latin FROM municipalities WHERE oblast_code = ${key} LIMIT 1)`
        : sql`(SELECT oblast_name FROM municipalities WHERE oblast_code = ${key} LIMIT 1)`;
    case Dimension.PROGRAMME:
      return latin
        ? sql`(SELECT short_code FROM programmes WHERE code = ${key})`
        : sql`(SELECT abbreviation FROM programmes WHERE code = ${key})`;
    case Dimension.INDICATOR:
      return sql`(SELECT name_en FROM indicators WHERE code = ${key})`;
    default:
      return sql`NULL`;
  }
}
