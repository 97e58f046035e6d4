import { Extensions, Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { measuredList } from '../graphql/field-cost';
import { DateScalar } from '../graphql/scalars';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Confirmation, ProjectStatus } from '../domain/enums';
import { toGlobalId } from '../domain/global-id';
import { dateString, decimalString } from '../db/transformers';
import { Node } from './node';
import type { Municipality } from './municipality.entity';
import type { Procedure } from './procedure.entity';
import type { Source } from './source.entity';

/** A figure that no source gives: the field stays null and this says why. */
@ObjectType({
  simpleResolvers: true,
  description: 'A fact the hub does not know, and why (e.g. "no source gives the title").',
})
export class MissingFigure {
  @Extensions({ size: 'text:MissingFigure.field' })
  @Field({ description: 'Path of the field in the import format, e.g. `title`, `funding.total`.' })
  field: string;

  @Extensions({ size: 'text:MissingFigure.reason' })
  @Field({ description: 'Why it is missing, in English.' })
  reason: string;
}

/**
 * One municipality's Component 2 project. Facts that sources may state differently (dates,
 * durations, amounts, contract numbers, outcomes) live in their own tables, one row per source.
 * The few columns here that summarise them (`startDate`, `endDate`, `statedDurationMonths`,
 * `totalBudgetBgn`) hold a value only when every source agrees, and exist for filtering and sorting.
 */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A Component 2 project of one municipality, with everything the sources say about it.',
})
@Entity('projects')
// Order indexes (column ASC/DESC NULLS LAST, id): created by migration ProjectOrderIndexes1796170000000.
@Index('idx_projects_order_title_asc', { synchronize: false })
@Index('idx_projects_order_title_desc', { synchronize: false })
@Index('idx_projects_order_total_budget_asc', { synchronize: false })
@Index('idx_projects_order_total_budget_desc', { synchronize: false })
@Index('idx_projects_order_start_date_asc', { synchronize: false })
@Index('idx_projects_order_start_date_desc', { synchronize: false })
@Index('idx_projects_order_end_date_asc', { synchronize: false })
@Index('idx_projects_order_end_date_desc', { synchronize: false })
// municipality_code INCLUDE (id, total_budget_bgn, start_date, end_date): migration AggregateIndexes1796172000000.
@Index('idx_projects_municipality_totals', { synchronize: false })
export class Project implements Node {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_projects' })
  databaseId: number;

  @Field({ description: 'Stable key of the project in the import files (e.g. `kazanlak`).' })
  @Index('uq_projects_key', { unique: true })
  @Column('text')
  key: string;

  @Column('text')
  municipalityCode: string;

  @ManyToOne('Municipality', { nullable: false })
  @JoinColumn({ name: 'municipality_code', foreignKeyConstraintName: 'fk_projects_municipality' })
  municipality?: Municipality;

  @Column('text')
  procedureCode: string;

  @ManyToOne('Procedure', { nullable: false })
  @JoinColumn({ name: 'procedure_code', foreignKeyConstraintName: 'fk_projects_procedure' })
  procedure?: Procedure;

  @Field(() => String, {
    nullable: true,
    description:
      'Title in Bulgarian exactly as published (capitals and quotes kept); null when no source gives it (see `missing`).',
  })
  @Column('text', { nullable: true })
  title: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Latin transliteration of the title (Bulgarian official system, 2009).',
  })
  @Column('text', { nullable: true })
  titleLatin: string | null;

  @Column('text', { nullable: true })
  titleSourceKey: string | null;

  @ManyToOne('Source', { nullable: true })
  @JoinColumn({ name: 'title_source_key', foreignKeyConstraintName: 'fk_projects_title_source' })
  titleSource?: Source;

  @Field(() => String, {
    nullable: true,
    description: 'Registration number in canonical form `BG05M9OP001-2.056-NNNN`; null when no source gives it.',
  })
  @Index('idx_projects_registration_number')
  @Column('text', { nullable: true })
  registrationNumber: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The registration number exactly as the source wrote it (may contain Cyrillic look-alike letters).',
  })
  @Column('text', { nullable: true })
  registrationNumberAsPublished: string | null;

  @Column('text', { nullable: true })
  registrationNumberSourceKey: string | null;

  @ManyToOne('Source', { nullable: true })
  @JoinColumn({
    name: 'registration_number_source_key',
    foreignKeyConstraintName: 'fk_projects_registration_number_source',
  })
  registrationNumberSource?: Source;

  @Field(() => ProjectStatus, { description: 'Stage last reported by a source; see `statusAsOf` and `statusSource`.' })
  @Column('text')
  status: ProjectStatus;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date of the report the status comes from; null when the source is undated.',
  })
  @Column('date', { nullable: true, transformer: dateString })
  statusAsOf: string | null;

  @Column('text', { nullable: true })
  statusSourceKey: string | null;

  @ManyToOne('Source', { nullable: true })
  @JoinColumn({ name: 'status_source_key', foreignKeyConstraintName: 'fk_projects_status_source' })
  statusSource?: Source;

  @Field(() => Confirmation, {
    description: '`CONFIRMED` when a source names procedure BG05M9OP001-2.056 for this project, `PROBABLE` otherwise.',
  })
  @Index('idx_projects_confirmation')
  @Column('text')
  confirmation: Confirmation;

  @Field(() => String, { nullable: true, description: 'Aim of the project in Bulgarian, as published.' })
  @Column('text', { nullable: true })
  aim: string | null;

  @Column('text', { nullable: true })
  aimSourceKey: string | null;

  @ManyToOne('Source', { nullable: true })
  @JoinColumn({ name: 'aim_source_key', foreignKeyConstraintName: 'fk_projects_aim_source' })
  aimSource?: Source;

  /** Start date when every source agrees; null when none gives it or sources disagree. */
  @Index('idx_projects_start_date')
  @Column('date', { nullable: true, transformer: dateString })
  startDate: string | null;

  /** End date when every source agrees; null when none gives it or sources disagree. */
  @Index('idx_projects_end_date')
  @Column('date', { nullable: true, transformer: dateString })
  endDate: string | null;

  /** Stated duration (months) when every source agrees. */
  @Column('integer', { nullable: true })
  statedDurationMonths: number | null;

  /** Stated exact total budget in BGN when every source agrees; null otherwise. */
  @Index('idx_projects_total_budget_bgn')
  @Column('numeric', { precision: 14, scale: 2, nullable: true, transformer: decimalString })
  totalBudgetBgn: string | null;

  @Field(() => [MissingFigure], {
    complexity: measuredList('items:Project.missing'),
    description: 'Facts no source gives, each with the reason; their fields are null.',
  })
  @Column('jsonb')
  missing: MissingFigure[];

  @Field(() => [String], {
    description: 'Curator notes on reading the sources (e.g. a figure cut off by an excerpt, an interpretation made).',
  })
  @Column('jsonb')
  notes: string[];

  /** Lower-cased title (Cyrillic) and its transliteration, for `titleContains`. */
  @Column('text')
  searchText: string;

  /** The imported file as compact JSON text, kept to tell what the next import changes (text: see migration ProjectDocumentText1796173000000). */
  @Column('text')
  document: string;

  /** SHA-256 of the canonical import file; an unchanged file is not re-imported. */
  @Column('text')
  contentHash: string;

  /**
   * Who wrote the current version: `SEED` (the curated dataset loaded at start) or `IMPORT` (`npm run
   * import`). Seeds at start never overwrite a project an import changed after them.
   */
  @Column('text', { default: 'IMPORT' })
  origin: string;

  @Field(() => Int, {
    description: 'Revision number: 1 at the first import, +1 at each import that changes the project.',
  })
  @Column('integer')
  revision: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When the project was first imported.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When the project was last changed by an import.' })
  @Column('timestamptz')
  updatedAt: Date;

  @Field(() => ID, { description: 'Opaque global ID.' })
  get id(): string {
    return toGlobalId('Project', this.databaseId);
  }
}
