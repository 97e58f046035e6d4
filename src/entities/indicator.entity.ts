import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IndicatorDomain } from '../domain/enums';
import { toGlobalId } from '../domain/global-id';
import { Node } from './node';

/** The hub's catalogue of outcome indicators (`seeds/reference/indicators.json`). */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'An outcome indicator of the hub’s catalogue, e.g. PERSONS_EMPLOYED.',
})
@Entity('indicators')
export class Indicator implements Node {
  @Field({ description: 'Stable code, e.g. `PERSONS_EMPLOYED`, `CHILDREN_REACHED`.' })
  @PrimaryColumn('text')
  code: string;

  @Field({ description: 'Name in Bulgarian.' })
  @Column('text')
  name: string;

  @Field({ description: 'Name in English.' })
  @Column('text')
  nameEn: string;

  @Field({ description: 'Unit of the values, e.g. `persons`, `children`, `items`, `events`.' })
  @Column('text')
  unit: string;

  @Field(() => IndicatorDomain, { description: 'Area of the indicator.' })
  @Column('text')
  domain: IndicatorDomain;

  @Field({ description: 'What is counted, and what is not, in English.' })
  @Column('text')
  description: string;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('Indicator', this.code);
  }
}
