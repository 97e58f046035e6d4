import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Basis, Qualifier } from '../domain/enums';
import { dateString, decimalString } from '../db/transformers';
import { Node } from './node';
import { ProjectFact } from './project-fact';
import type { Indicator } from './indicator.entity';

/**
 * One outcome figure of a project as one source gives it: value, qualifier (exact / at least /
 * about), basis (planned / achieved), the date it refers to, and an optional breakdown
 * (e.g. one employer's share of the persons employed). A row with a breakdown is a part; the row
 * without is the whole, and the two are never added together.
 */
@ObjectType({
  simpleResolvers: true,
  implements: [ProjectFact, Node],
  description:
    'One outcome figure of a project as one source gives it, with qualifier, basis (planned or achieved), date and optional breakdown.',
})
@Entity('indicator_values')
@Index('idx_indicator_values_project_id', ['projectId'])
@Index('idx_indicator_values_indicator_code', ['indicatorCode'])
export class IndicatorValue extends ProjectFact {
  @Column('text')
  indicatorCode: string;

  @ManyToOne('Indicator', { nullable: false })
  @JoinColumn({ name: 'indicator_code' })
  indicator?: Indicator;

  /** The figure, in the indicator's unit (NUMERIC, exact). */
  @Column('numeric', { precision: 14, scale: 2, transformer: decimalString })
  value: string;

  @Field(() => Qualifier, { description: 'EXACT, AT_LEAST ("над 50"), AT_MOST ("до 50") or APPROXIMATE.' })
  @Column('text')
  qualifier: Qualifier;

  @Field(() => Basis, { description: 'PLANNED ("ще се осигури") or ACHIEVED ("беше осигурена").' })
  @Column('text')
  basis: Basis;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Date the figure refers to (e.g. "до момента" in a dated article); null when the source is undated or gives a final figure without a date.',
  })
  @Column('date', { nullable: true, transformer: dateString })
  asOf: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The part this figure is of the whole, in Bulgarian as published (e.g. an employer’s name); null for the whole.',
  })
  @Column('text', { nullable: true })
  breakdown: string | null;
}
