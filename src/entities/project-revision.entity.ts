import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { Column, Entity, Index } from 'typeorm';
import { toGlobalId } from '../domain/global-id';
import { Node } from './node';
import { ProjectChild } from './project-fact';

/** One import that changed a project: its number, when, what changed and the previous file. */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'One import that changed a project: revision number, time, changed paths and the previous values.',
})
@Entity('project_revisions')
@Index('uq_project_revisions_project_revision', ['projectId', 'revision'], { unique: true })
export class ProjectRevision extends ProjectChild {
  @Field(() => Int, { description: 'Revision number this import produced.' })
  @Column('integer')
  revision: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the import ran.' })
  @Column('timestamptz')
  importedAt: Date;

  /** SHA-256 of the imported file content. */
  @Column('text')
  contentHash: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Who wrote this revision: `token <id> (<name>)` for an import over the API, `cli` for `npm run import` on the database directly, `seed` for the curated dataset loaded at start; null for revisions written before authors were recorded.',
  })
  @Column('text', { nullable: true })
  author: string | null;

  @Field(() => [String], {
    description: 'Top-level fields of the import file that changed (all of them at revision 1).',
  })
  @Column('jsonb')
  changedFields: string[];

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The import file as it was before this revision; null at revision 1.',
  })
  @Column('jsonb', { nullable: true })
  previous: unknown;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('ProjectRevision', this.databaseId);
  }
}
