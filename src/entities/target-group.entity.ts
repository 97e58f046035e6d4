import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TargetGroupCategory } from '../domain/enums';
import { Node } from './node';
import { ProjectFact } from './project-fact';
import type { Programme } from './programme.entity';

/** A target group (целева група) as described by a source. */
@ObjectType({
  simpleResolvers: true,
  implements: [ProjectFact, Node],
  description: 'A target group (целева група) as described by a source.',
})
@Entity('target_groups')
@Index('idx_target_groups_project_id', ['projectId'])
export class TargetGroup extends ProjectFact {
  @Column('text', { nullable: true })
  programmeCode: string | null;

  @ManyToOne('Programme', { nullable: true })
  @JoinColumn({ name: 'programme_code' })
  programme?: Programme;

  @Field({ description: 'Description in Bulgarian as published.' })
  @Column('text')
  description: string;

  @Field({ description: 'Latin transliteration of the description.' })
  @Column('text')
  descriptionLatin: string;

  @Field(() => TargetGroupCategory, { description: 'Category in the hub’s taxonomy, assigned by the curator.' })
  @Column('text')
  category: TargetGroupCategory;
}
