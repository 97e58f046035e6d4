import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PartnerRole } from '../domain/enums';
import { Node } from './node';
import { ProjectFact } from './project-fact';
import type { Organisation } from './organisation.entity';
import type { Programme } from './programme.entity';

/** An organisation's role in a project, under one programme where the source says which. */
@ObjectType({
  simpleResolvers: true,
  implements: [ProjectFact, Node],
  description:
    'An organisation’s role in a project (partner, associated partner, employer), under one programme where the source says which.',
})
@Entity('partnerships')
@Index('idx_partnerships_project_id', ['projectId'])
export class Partnership extends ProjectFact {
  @Column('integer')
  organisationId: number;

  @ManyToOne('Organisation', { nullable: false })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Field(() => PartnerRole, { description: 'PARTNER, ASSOCIATED_PARTNER or EMPLOYER.' })
  @Column('text')
  role: PartnerRole;

  /** Programme the role is under; null when the source does not say. */
  @Column('text', { nullable: true })
  programmeCode: string | null;

  @ManyToOne('Programme', { nullable: true })
  @JoinColumn({ name: 'programme_code' })
  programme?: Programme;
}
