import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLURL } from 'graphql-scalars';
import { DateScalar } from '../graphql/scalars';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SourceKind } from '../domain/enums';
import { toGlobalId } from '../domain/global-id';
import { dateString } from '../db/transformers';
import { Node } from './node';

/**
 * A published text the hub took figures from: a municipal page, a press release, a project card,
 * a Kohesio record. Every stored figure points to one source; two sources that agree give two rows,
 * two that disagree give two values.
 */
@ObjectType({ implements: Node, description: 'A published text (page, press release, project card) that figures were taken from.' })
@Entity('sources')
export class Source implements Node {
  /** Stable key used by import files, e.g. `kazanlak-project-summary-2022-01-20`. */
  @Field({ description: 'Stable key of the source, as used in the import files (e.g. `kazanlak-project-summary-2022-01-20`).' })
  @PrimaryColumn('text')
  key: string;

  @Field(() => GraphQLURL, { nullable: true, description: 'Address of the page; null where none was recorded.' })
  @Column('text', { nullable: true })
  url: string | null;

  @Field({ description: 'Title or headline of the page, in its own language.' })
  @Column('text')
  title: string;

  @Field({ description: 'Who published it (municipality, newspaper, school, EU portal).' })
  @Column('text')
  publisher: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date printed on the page (YYYY-MM-DD); null when the page gives none.' })
  @Column('date', { nullable: true, transformer: dateString })
  publishedOn: string | null;

  @Field(() => SourceKind, { description: 'Whether the hub holds the whole page or only its beginning.' })
  @Column('text')
  kind: SourceKind;

  @Field({ description: 'Language of the page (ISO 639-1, e.g. `bg`, `en`, `pl`).' })
  @Column('text')
  language: string;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('Source', this.key);
  }
}
