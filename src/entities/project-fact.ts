import { Field, ID, InterfaceType } from 'type-graphql';
import { toGlobalId } from '../domain/global-id';
import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Project } from './project.entity';
import { Source } from './source.entity';
import { Verification } from './verification.type';

/** A row belonging to one project, deleted with it. */
export abstract class ProjectChild {
  @PrimaryGeneratedColumn({ name: 'id' })
  databaseId: number;

  @Column('integer')
  projectId: number;

  @ManyToOne('Project', { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;
}

/**
 * Columns shared by every sourced statement about a project: which project, which source, the text
 * as published, and a curator note. Each concrete table adds the fact itself.
 */
@InterfaceType('SourcedStatement', {
  resolveType: (value: object) => value.constructor.name,
  description:
    'A statement about a project taken from one source: the text as published, a curator note, and the source. Two sources stating the same fact give two statements.',
})
export abstract class ProjectFact extends ProjectChild {
  /** The source this statement was read from. */
  @Column('text')
  sourceKey: string;

  @Field(() => Source, { description: 'Where this statement comes from.' })
  @ManyToOne('Source', { nullable: false })
  @JoinColumn({ name: 'source_key' })
  source?: Source;

  @Field(() => String, {
    nullable: true,
    description: 'The figure or text exactly as the source wrote it (e.g. "1 589 860, 38 лв.").',
  })
  @Column('text', { nullable: true })
  asPublished: string | null;

  @Field({
    description:
      'True when every applicable check of `verification` passed: the quote is in the text the hub holds of the source, and the value shown is the value the quote states (where there is a value to read). False when a check could not be made: no quote, no text of the source held, or a figure written in words only.',
  })
  verified?: boolean;

  @Field(() => Verification, { description: 'What was checked of this statement, check by check.' })
  verification?: Verification;

  @Field(() => String, {
    nullable: true,
    description: 'Curator note: how the statement was read, where an interpretation was needed.',
  })
  @Column('text', { nullable: true })
  note: string | null;

  @Field(() => ID, { description: 'Opaque global ID (`node(id:)` returns the statement).' })
  get id(): string {
    return toGlobalId(this.constructor.name, this.databaseId);
  }
}
