import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO, GraphQLJSON, GraphQLURL } from 'graphql-scalars';
import { DateScalar } from '../graphql/scalars';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { SourceKind } from '../domain/enums';
import { toGlobalId } from '../domain/global-id';
import { dateString } from '../db/transformers';
import { Node } from './node';

/**
 * A published text the hub took figures from: a municipal page, a press release, a project card,
 * a Kohesio record. Every stored figure points to one source; two sources that agree give two rows,
 * two that disagree give two values.
 */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A published text (page, press release, project card) that figures were taken from.',
})
@Entity('sources')
export class Source implements Node {
  /** Stable key used by import files, e.g. `kazanlak-project-summary-2022-01-20`. */
  @Field({
    description: 'Stable key of the source, as used in the import files (e.g. `kazanlak-project-summary-2022-01-20`).',
  })
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

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date printed on the page (YYYY-MM-DD); null when the page gives none.',
  })
  @Column('date', { nullable: true, transformer: dateString })
  publishedOn: string | null;

  @Field(() => SourceKind, { description: 'Whether the hub holds the whole page or only its beginning.' })
  @Column('text')
  kind: SourceKind;

  @Field({ description: 'Language of the page (ISO 639-1, e.g. `bg`, `en`, `pl`).' })
  @Column('text')
  language: string;

  @Field(() => String, {
    nullable: true,
    description:
      'SHA-256 (hex) of the text the hub holds of this source (`text`); null when it holds none, and then no statement citing it is `verified`.',
  })
  @Column('text', { nullable: true })
  textSha256: string | null;

  @Field(() => Int, {
    description:
      'Revision of this source’s record (title, URL, publisher, date, kind, language, text): 1 when first imported; each change is kept in `revisions`.',
  })
  @Column('integer', { default: 1 })
  revision: number;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('Source', this.key);
  }
}

/** The text the hub holds of a source (an excerpt or the whole page), apart from the source row: read only when asked for. */
@Entity('source_texts')
export class SourceText {
  @PrimaryColumn('text')
  sourceKey: string;

  @Column('text')
  text: string;
}

/** One change of a stored source: what it was before, who changed it and when. */
@ObjectType({
  simpleResolvers: true,
  description: 'One change of a source record: when, by whom, which fields, and the previous values.',
})
@Entity('source_revisions')
@Index('idx_source_revisions_source_key', ['sourceKey'])
export class SourceRevision {
  @PrimaryGeneratedColumn({ name: 'id' })
  databaseId: number;

  @Column('text')
  sourceKey: string;

  @Field(() => Int, { description: 'The revision this change produced (2 for the first change).' })
  @Column('integer')
  revision: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the import that changed it ran.' })
  @Column('timestamptz')
  changedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who changed it: `token <id> (<name>)`, `cli` or `seed`.' })
  @Column('text', { nullable: true })
  author: string | null;

  @Field(() => [String], {
    description: 'Fields that changed: url, title, publisher, publishedOn, kind, language, text.',
  })
  @Column('jsonb')
  changedFields: string[];

  @Field(() => GraphQLJSON, { description: 'The record before the change (the text as its SHA-256 only).' })
  @Column('jsonb')
  previous: unknown;
}
