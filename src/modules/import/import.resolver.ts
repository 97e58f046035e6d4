import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { authorOf, Role } from '../../auth/tokens';
import { Municipality } from '../../entities';
import type { Context } from '../context';
import { ImportRefusalCode, ImportValidationError } from '../../ingest/import-errors';
import { type InputFile } from '../../ingest/input-files';
import { badUserInput, ErrorCode, hubError } from '../../errors/codes';
import { ImportAction, ImportedProject, ImportProjectsInput, ImportResult } from './import.types';

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportResult, {
    description:
      'Imports project files, all or nothing, as `npm run import` does: every problem of every file comes back at once ' +
      '(BAD_USER_INPUT with `extensions.errors`: file, path, code, reason) and nothing is written. Needs an API token ' +
      '(`Authorization: Bearer <token>`; `npm run token -- create`): none → UNAUTHENTICATED; an EDITOR writes only its ' +
      'municipalities’ projects, another → FORBIDDEN naming the project and municipality. Each revision records the token. ' +
      'Send as POST with Content-Type application/json (mutations are refused over GET).',
  })
  async importProjects(
    @Arg('input', () => ImportProjectsInput, { description: 'The files and the options.' }) input: ImportProjectsInput,
    @Ctx() context: Context,
  ): Promise<ImportResult> {
    const { caller } = context;
    if (!caller) {
      throw hubError(ErrorCode.UNAUTHENTICATED, 'importProjects needs an API token: Authorization: Bearer <token>');
    }
    if ((input.allowMunicipalityChange || input.allowSourceChange) && caller.role !== Role.ADMIN) {
      const flag = input.allowMunicipalityChange ? 'allowMunicipalityChange' : 'allowSourceChange';
      throw hubError(
        ErrorCode.FORBIDDEN,
        `${flag} is for ADMIN tokens; token ${caller.tokenId} (${caller.name}) is an EDITOR`,
        { extensions: { argument: `input.${flag}` } },
      );
    }
    const { importMaxFiles, importMaxFileBytes } = context.limits;
    if (input.files.length === 0) throw badUserInput('input.files', 'give at least one file');
    if (input.files.length > importMaxFiles)
      throw badUserInput(
        'input.files',
        `at most ${importMaxFiles} files per import (HUB_IMPORT_MAX_FILES); got ${input.files.length}`,
      );
    const files: InputFile[] = input.files.map((document, index) => ({
      name: `files[${index}]`,
      content: JSON.stringify(document),
    }));
    const tooLarge = files.filter((file) => Buffer.byteLength(file.content!) > importMaxFileBytes);
    if (tooLarge.length > 0)
      throw badUserInput(
        'input.files',
        `${tooLarge.map((file) => file.name).join(', ')}: larger than ${importMaxFileBytes} bytes (HUB_IMPORT_MAX_FILE_BYTES)`,
      );
    try {
      const report = await context.writer.importFiles(files, {
        author: authorOf(caller),
        editorMunicipalities: caller.role === Role.EDITOR ? caller.municipalityCodes : undefined,
        allowMunicipalityChange: input.allowMunicipalityChange,
        allowSourceChange: input.allowSourceChange,
        dryRun: input.dryRun,
      });
      return Object.assign(new ImportResult(), {
        dryRun: report.dryRun,
        projects: report.projects.map((project) =>
          Object.assign(new ImportedProject(), { ...project, action: project.action as ImportAction }),
        ),
        warnings: report.warnings,
      });
    } catch (error) {
      if (!(error instanceof ImportValidationError)) throw error;
      const errors = error.errors.map((entry) => ({
        file: entry.file,
        path: entry.path,
        code: entry.code,
        reason: entry.reason,
      }));
      const forbidden = errors.filter((entry) => entry.code === ImportRefusalCode.FORBIDDEN);
      if (forbidden.length > 0) {
        throw hubError(
          ErrorCode.FORBIDDEN,
          `Import refused, nothing was written: ${forbidden.map((entry) => entry.reason).join('; ')}`,
          { extensions: { errors } },
        );
      }
      throw hubError(
        ErrorCode.BAD_USER_INPUT,
        `Import refused, nothing was written (${errors.length} error${errors.length === 1 ? '' : 's'}): ${errors
          .slice(0, 5)
          .map((entry) => `${entry.file} ${entry.path}: ${entry.reason}`)
          .join('; ')}${errors.length > 5 ? '; …' : ''}`,
        {
          extensions: { argument: 'input.files', errors },
        },
      );
    }
  }
}

@Resolver(() => ImportedProject)
export class ImportedProjectResolver {
  @FieldResolver(() => Municipality, { description: 'Its municipality.' })
  municipality(@Root() project: ImportedProject, @Ctx() { loaders }: Context) {
    return loaders.municipalityByCode.load(project.municipalityCode);
  }
}
