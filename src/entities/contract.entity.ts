import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { dateString } from '../db/transformers';
import { Node } from './node';
import { ProjectFact } from './project-fact';
import type { Programme } from './programme.entity';

/**
 * A grant contract (административен договор за БФП) of a project under one programme: the OP HRD
 * contract `BG05M9OP001-2.056-NNNN-C01` or the OP SESG contract
 * `BG05M9OP001-2.056-NNNN-2014BG05M2OP001-C01`.
 */
@ObjectType({
  simpleResolvers: true,
  implements: [ProjectFact, Node],
  description: 'A grant contract of a project under one programme, as cited by one source.',
})
@Entity('contracts')
@Index('idx_contracts_project_id', ['projectId'])
export class Contract extends ProjectFact {
  @Column('text')
  programmeCode: string;

  @ManyToOne('Programme', { nullable: false })
  @JoinColumn({ name: 'programme_code' })
  programme?: Programme;

  @Field({
    description:
      'Contract number in canonical form (Latin letters, four-digit project number), e.g. `BG05M9OP001-2.056-0020-C01`.',
  })
  @Index('idx_contracts_number')
  @Column('text')
  number: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Signing date (YYYY-MM-DD) as stated by the source; null when not stated.',
  })
  @Column('date', { nullable: true, transformer: dateString })
  signedOn: string | null;
}
