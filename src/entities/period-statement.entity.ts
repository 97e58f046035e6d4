import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { Column, Entity, Index } from 'typeorm';
import { PeriodField } from '../domain/enums';
import { dateString } from '../db/transformers';
import { Node } from './node';
import { ProjectFact } from './project-fact';

/** One source's statement of a start date, an end date or a duration in months. */
@ObjectType({
  simpleResolvers: true,
  implements: [ProjectFact, Node],
  description:
    'One source’s statement of a start date, end date or duration. Several statements of one field that differ make the project `CONTRADICTORY_SOURCES`.',
})
@Entity('project_period_statements')
@Index('idx_project_period_statements_project_id', ['projectId'])
export class PeriodStatement extends ProjectFact {
  @Field(() => PeriodField, { description: 'Which part of the period this states.' })
  @Column('text')
  field: PeriodField;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The date (YYYY-MM-DD) for START_DATE and END_DATE; null for DURATION_MONTHS.',
  })
  @Column('date', { nullable: true, transformer: dateString })
  date: string | null;

  @Field(() => Int, { nullable: true, description: 'Months as stated, for DURATION_MONTHS; null otherwise.' })
  @Column('integer', { nullable: true })
  months: number | null;
}
