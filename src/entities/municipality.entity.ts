import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../domain/global-id';
import { dateString } from '../db/transformers';
import { Node } from './node';
import type { Source } from './source.entity';

/**
 * One of Bulgaria's 265 municipalities (общини), from the NSI EKATTE register (as of 12 Dec 2023)
 * with the Census 2021 population. Reference data: `seeds/reference/municipalities.csv`.
 */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A Bulgarian municipality (община), from the NSI EKATTE register, with its Census 2021 population.',
})
@Entity('municipalities')
// (name, code), for projects ordered by municipality name: created by migration ProjectOrderIndexes1796170000000.
@Index('idx_municipalities_order_name', { synchronize: false })
export class Municipality implements Node {
  @Field({ description: 'NSI/EKATTE municipality code: oblast code + 2 digits, e.g. `SZR12` (Kazanlak).' })
  @PrimaryColumn('text')
  code: string;

  @Field({ description: 'Official name in Bulgarian, e.g. "Казанлък".' })
  @Column('text')
  name: string;

  @Field({ description: 'Latin name as given by NSI (EKATTE `name_en`), e.g. "Kazanlak".' })
  @Column('text')
  nameLatin: string;

  /** Oblast (province) code, e.g. `SZR` (exposed through `oblast`). */
  @Index('idx_municipalities_oblast_code')
  @Column('text')
  oblastCode: string;

  @Column('text')
  oblastName: string;

  @Column('text')
  oblastNameLatin: string;

  @Field({ description: 'NUTS 3 region code (Eurostat), e.g. `BG344`.' })
  @Column('text')
  nuts3: string;

  @Field({ description: 'NUTS 2 region code, e.g. `BG34`.' })
  @Column('text')
  nuts2: string;

  @Field({ description: 'NUTS 1 region code, e.g. `BG3`.' })
  @Column('text')
  nuts1: string;

  @Field({ description: 'EKATTE code of the administrative centre (a settlement code, not a municipality code).' })
  @Column('text')
  adminCentreEkatte: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Resident population (persons) at the Census 2021 reference date; see `populationReferenceDate` and `populationSource`.',
  })
  @Column('integer', { nullable: true })
  population: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date the population figure refers to (Census 2021: 2021-09-07).',
  })
  @Column('date', { nullable: true, transformer: dateString })
  populationReferenceDate: string | null;

  /** Where the population figure comes from. */
  @Column('text', { nullable: true })
  populationSourceKey: string | null;

  @ManyToOne('Source', { nullable: true })
  @JoinColumn({ name: 'population_source_key', foreignKeyConstraintName: 'fk_municipalities_population_source' })
  populationSource?: Source;

  /** Lower-cased Bulgarian and Latin names, for `nameContains`. */
  @Column('text')
  searchText: string;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('Municipality', this.code);
  }
}
