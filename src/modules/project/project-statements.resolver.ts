import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type Verification as Checked, verify } from '../../domain/verification';
import { Project, Source } from '../../entities';
import { Verification } from '../../entities/verification.type';
import type { Context } from '../context';

/** The project's own statements (title, aim, registration number, status): their sources and what was checked of them. */
@Resolver(() => Project)
export class ProjectStatementsResolver {
  @FieldResolver(() => Source, { nullable: true, description: 'Source of the title.' })
  titleSource(@Root() project: Project, @Ctx() { loaders }: Context) {
    return project.titleSourceKey ? loaders.sourceByKey.load(project.titleSourceKey) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Source of the registration number.' })
  registrationNumberSource(@Root() project: Project, @Ctx() { loaders }: Context) {
    return project.registrationNumberSourceKey ? loaders.sourceByKey.load(project.registrationNumberSourceKey) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Source of the status.' })
  statusSource(@Root() project: Project, @Ctx() { loaders }: Context) {
    return project.statusSourceKey ? loaders.sourceByKey.load(project.statusSourceKey) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: 'Source of the aim.' })
  aimSource(@Root() project: Project, @Ctx() { loaders }: Context) {
    return project.aimSourceKey ? loaders.sourceByKey.load(project.aimSourceKey) : null;
  }

  @FieldResolver(() => Verification, {
    nullable: true,
    description:
      'What was checked of the title: it is a quote, found in the text of `titleSource`. Null without a title.',
  })
  titleVerification(@Root() project: Project, @Ctx() context: Context): Promise<Checked | null> | null {
    return project.title ? this.check(project.title, project.titleSourceKey, context, { kind: 'text' }) : null;
  }

  @FieldResolver(() => Verification, {
    nullable: true,
    description: 'What was checked of the aim: it is a quote, found in the text of `aimSource`. Null without an aim.',
  })
  aimVerification(@Root() project: Project, @Ctx() context: Context): Promise<Checked | null> | null {
    return project.aim ? this.check(project.aim, project.aimSourceKey, context, { kind: 'text' }) : null;
  }

  @FieldResolver(() => Verification, {
    nullable: true,
    description:
      'What was checked of the registration number: `registrationNumberAsPublished` is in the text of its source and normalises to `registrationNumber`. Null without one.',
  })
  registrationNumberVerification(@Root() project: Project, @Ctx() context: Context): Promise<Checked | null> | null {
    if (!project.registrationNumber) return null;
    return this.check(project.registrationNumberAsPublished, project.registrationNumberSourceKey, context, {
      kind: 'registration',
      number: project.registrationNumber,
    });
  }

  private async check(
    quote: string | null,
    sourceKey: string | null,
    { loaders }: Context,
    value: Parameters<typeof verify>[1],
  ): Promise<Checked> {
    const source = sourceKey ? await loaders.sourceByKey.load(sourceKey) : null;
    return verify(quote, value, Boolean(source?.textSha256));
  }
}
