import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../domain/global-id';
import { Node } from './node';
import type { Source } from './source.entity';

/** A funding procedure of the 2014–2020 operational programmes; here BG05M9OP001-2.056 – Компонент 2. */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A grant procedure; the hub covers BG05M9OP001-2.056, Component 2.',
})
@Entity('procedures')
export class Procedure implements Node {
  @Field({ description: 'Procedure code as published, e.g. `BG05M9OP001-2.056`.' })
  @PrimaryColumn('text')
  code: string;

  @Field({ description: 'Name in Bulgarian, as published.' })
  @Column('text')
  name: string;

  @Field({ description: 'Latin transliteration of the name (Bulgarian official system).' })
  @Column('text')
  nameLatin: string;

  @Field({ description: 'Name in English (the hub’s translation unless a source gives one).' })
  @Column('text')
  nameEn: string;

  @Field({ description: 'Component of the procedure, in Bulgarian as published (e.g. "Компонент 2").' })
  @Column('text')
  component: string;

  /** Where the name and component are published. */
  @Column('text')
  sourceKey: string;

  @ManyToOne('Source', { nullable: false })
  @JoinColumn({ name: 'source_key', foreignKeyConstraintName: 'fk_procedures_source' })
  source?: Source;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('Procedure', this.code);
  }
}
