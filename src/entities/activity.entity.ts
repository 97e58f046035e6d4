import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ActivityCategory } from '../domain/enums';
import { Node } from './node';
import { ProjectFact } from './project-fact';
import type { Programme } from './programme.entity';

/** A project activity (дейност) as listed by a source, numbered per programme. */
@ObjectType({
  simpleResolvers: true,
  implements: [ProjectFact, Node],
  description: 'A project activity (дейност) as listed by a source, numbered per programme.',
})
@Entity('activities')
@Index('idx_activities_project_id', ['projectId'])
export class Activity extends ProjectFact {
  @Column('text', { nullable: true })
  programmeCode: string | null;

  @ManyToOne('Programme', { nullable: true })
  @JoinColumn({ name: 'programme_code' })
  programme?: Programme;

  @Field(() => Int, {
    nullable: true,
    description: 'Activity number within its programme, as published (Дейност № 1 → 1).',
  })
  @Column('integer', { nullable: true })
  number: number | null;

  @Field({ description: 'Title in Bulgarian as published.' })
  @Column('text')
  title: string;

  @Field({ description: 'Latin transliteration of the title.' })
  @Column('text')
  titleLatin: string;

  @Field(() => ActivityCategory, {
    description: 'Category in the hub’s fixed taxonomy, assigned by the curator from the title.',
  })
  @Index('idx_activities_category')
  @Column('text')
  category: ActivityCategory;
}
