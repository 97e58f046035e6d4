import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../domain/global-id';
import { Node } from './node';

/**
 * An operational programme co-funding the projects: OP "Развитие на човешките ресурси" (OP HRD,
 * BG05M9OP001: employment, social and health services, community work) and OP "Наука и образование
 * за интелигентен растеж" (OP SESG, BG05M2OP001: education). Both ESF, 85 % EU / 15 % national.
 */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'An operational programme co-funding Component 2 projects (OP HRD or OP SESG).',
})
@Entity('programmes')
export class Programme implements Node {
  @Field({ description: 'CCI-style programme code: `BG05M9OP001` (OP HRD) or `BG05M2OP001` (OP SESG).' })
  @PrimaryColumn('text')
  code: string;

  @Field({ description: 'Short English code used across the API: `OP_HRD` or `OP_SESG`.' })
  @Column('text', { unique: true })
  shortCode: string;

  @Field({ description: 'Name in Bulgarian, e.g. "Развитие на човешките ресурси".' })
  @Column('text')
  name: string;

  @Field({ description: 'Latin transliteration of the Bulgarian name.' })
  @Column('text')
  nameLatin: string;

  @Field({ description: 'Name in English, e.g. "Human Resources Development".' })
  @Column('text')
  nameEn: string;

  @Field({ description: 'Bulgarian abbreviation as sources write it, e.g. "ОП РЧР", "ОП НОИР".' })
  @Column('text')
  abbreviation: string;

  @Field({ description: 'EU fund: `ESF` (European Social Fund).' })
  @Column('text')
  fund: string;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('Programme', this.code);
  }
}
