import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationType } from '../domain/enums';
import { toGlobalId } from '../domain/global-id';
import { Node } from './node';

/**
 * An organisation taking part in projects (school, kindergarten, NGO, agency …). Identified by its
 * name exactly as published, including the settlement where the source gives one, so that the three
 * schools named ОУ "Христо Ботев" in three villages stay three organisations.
 */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'An organisation taking part in projects: school, kindergarten, NGO, municipal enterprise, agency, ministry, company.',
})
@Entity('organisations')
export class Organisation implements Node {
  @PrimaryGeneratedColumn({ name: 'id' })
  databaseId: number;

  @Field({ description: 'Name in Bulgarian exactly as published (with settlement where given).' })
  @Index('uq_organisations_name', { unique: true })
  @Column('text')
  name: string;

  @Field({ description: 'Latin transliteration of the name (Bulgarian official system).' })
  @Column('text')
  nameLatin: string;

  @Field(() => OrganisationType, {
    description: 'Kind of organisation, read from its name (ОУ, СУ → SCHOOL; ДГ → KINDERGARTEN …).',
  })
  @Column('text')
  type: OrganisationType;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('Organisation', this.databaseId);
  }
}
