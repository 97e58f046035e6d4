import { GraphQLJSONObject } from 'graphql-scalars';
import { Extensions, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Municipality } from '../../entities';
import { listCost, measuredList } from '../../graphql/field-cost';
import { QualityFlagCode, Severity } from '../../domain/enums';

/** The most files an `importProjects` of the operation sends: one project, and at most one warning, each. */
const perFile = listCost((_sizes, _args, operation) =>
  Math.max(
    1,
    ...operation
      .rootArguments('importProjects')
      .map((args) => (args.input as { files?: unknown[] } | undefined)?.files?.length ?? 1),
  ),
);

export enum ImportAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(ImportAction, {
  name: 'ImportAction',
  description: 'What an import did (or, in a dry run, would do) to a project.',
  valuesConfig: {
    CREATED: { description: 'A new project: revision 1.' },
    UPDATED: { description: 'The file differs from the stored one: a new revision, the previous file kept in it.' },
    UNCHANGED: { description: 'The file is the one stored: nothing written.' },
  },
});

@InputType({ description: 'Project files to import, all or nothing.' })
export class ImportProjectsInput {
  @Field(() => [GraphQLJSONObject], {
    description:
      'The project files, each a JSON object in the import format (schema/project-import.schema.json; docs/import-format.md). Errors name them `files[0]`, `files[1]`, …',
  })
  files: Record<string, unknown>[];

  @Field({ defaultValue: false, description: 'Validate and report what would happen, writing nothing.' })
  dryRun: boolean;

  @Field({
    defaultValue: false,
    description: 'ADMIN only: allow a file to move an existing project to another municipality.',
  })
  allowMunicipalityChange: boolean;

  @Field({
    defaultValue: false,
    description: 'ADMIN only: allow a file to change a stored source that projects of other municipalities cite.',
  })
  allowSourceChange: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'One project of an import and what happened to it.' })
export class ImportedProject {
  // The key's pattern allows 63 characters; the code is five.
  @Extensions({ size: 70 })
  @Field({ description: 'The project key.' })
  key: string;

  @Extensions({ size: 12 })
  @Field({ description: 'Its municipality code (NSI).' })
  municipalityCode: string;

  @Field(() => Municipality, { description: 'Its municipality.' })
  municipality?: Municipality;

  @Field(() => ImportAction, { description: 'CREATED, UPDATED or UNCHANGED.' })
  action: ImportAction;

  @Field(() => Int, { description: 'The project revision after the import (in a dry run: the one it would have).' })
  revision: number;

  // The names of the format's top-level fields, each at most once.
  @Extensions({ size: 400 })
  @Field(() => [String], {
    description: 'Top-level fields of the file that changed (all at creation, none when unchanged).',
  })
  changedFields: string[];

  @Field(() => [ImportedQualityFlag], {
    complexity: measuredList('rows:QualityFlag'),
    description:
      'The quality flags the project has after the import (in a dry run: those it would have), as `Project.qualityFlags` gives them.',
  })
  qualityFlags: ImportedQualityFlag[];
}

@ObjectType({ simpleResolvers: true, description: 'A quality flag an import gives a project (see `QualityFlag`).' })
export class ImportedQualityFlag {
  @Field(() => QualityFlagCode, { description: 'Stable code of the finding.' })
  code: QualityFlagCode;

  @Field(() => Severity, { description: 'INFO or WARNING.' })
  severity: Severity;

  @Extensions({ size: 'text:QualityFlag.field' })
  @Field({ description: 'The field concerned, e.g. `period.endDate`.' })
  field: string;

  @Extensions({ size: 'text:QualityFlag.message' })
  @Field({ description: 'What was found, in English, with the values involved.' })
  message: string;
}

@ObjectType({ simpleResolvers: true, description: 'Something an import accepted but that deserves a look.' })
export class ImportWarningItem {
  @Extensions({ size: 24 })
  @Field({ description: 'The file: `files[<index>]`.' })
  file: string;

  // Warnings are about the file as a whole (`$`) or a top-level field.
  @Extensions({ size: 64 })
  @Field({ description: 'JSON path in the file.' })
  path: string;

  @Extensions({ size: 64 })
  @Field({ description: 'Stable code, e.g. MUNICIPALITY_NOT_MENTIONED.' })
  code: string;

  // A fixed sentence naming the municipality.
  @Extensions({ size: { measure: 'text:Municipality.name', factor: 3, plus: 300 } })
  @Field({ description: 'Explanation in English.' })
  message: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The outcome of an import: every project with its action, and the warnings.',
})
export class ImportResult {
  @Field({ description: 'True when nothing was written (a dry run).' })
  dryRun: boolean;

  @Field(() => [ImportedProject], { complexity: perFile, description: 'Every project of the files, in file order.' })
  projects: ImportedProject[];

  @Field(() => [ImportWarningItem], {
    complexity: perFile,
    description: 'Warnings (never refusals): each with file, path, code and message.',
  })
  warnings: ImportWarningItem[];
}
