import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { toGlobalId } from '../domain/global-id';
import { Node } from './node';
import { ProjectChild } from './project-fact';
import { QualityFlagCode, Severity } from '../domain/enums';

/** A data-quality finding, recomputed by the hub at every import of the project; never typed by hand. */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A data-quality finding computed by the hub from the stored figures.',
})
@Entity('quality_flags')
@Index('idx_quality_flags_project_id', ['projectId'])
export class QualityFlag extends ProjectChild {
  @Field(() => QualityFlagCode, { description: 'Stable code of the finding.' })
  @Index('idx_quality_flags_code')
  @Column('text')
  code: QualityFlagCode;

  @Field(() => Severity, { description: 'INFO or WARNING.' })
  @Column('text')
  severity: Severity;

  @Field({
    description: 'The field concerned, e.g. `period.endDate`, `funding.BG05M9OP001.TOTAL`, `registrationNumber`.',
  })
  @Column('text')
  field: string;

  @Field({ description: 'What was found, in English, with the values involved.' })
  @Column('text')
  message: string;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('QualityFlag', this.databaseId);
  }
}
