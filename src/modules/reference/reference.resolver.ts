import {
  Arg,
  Ctx,
  Extensions,
  Field,
  FieldResolver,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { SourceKind } from '../../domain/enums';
import { Connection, pageWindow, toConnection } from '../../graphql/connection';
import { Procedure, Programme, Indicator, Source, SourceRevision } from '../../entities';
import type { Context } from '../context';
import { listCost, measuredList } from '../../graphql/field-cost';
import { PROGRAMME_CODES } from '../../domain/enums';

/** Most indicators the catalogue may hold (it holds 14): the size `indicators` is costed at. */
const MAX_INDICATORS = 50;

@ObjectType({
  simpleResolvers: true,
  description:
    'The state of the data an answer was read from: a counter every committed import (and reference load) moves on, the same on every replica. A view drawn at one revision can say when newer data exists; exports and ETags carry it too.',
})
export class DataRevisionInfo {
  @Field(() => Int, { description: 'The revision: 1 more at each committed import that changed the data.' })
  revision: number;

  @Field(() => GraphQLDateTimeISO, { description: 'When that import committed (UTC).' })
  changedAt: Date;
}

@Resolver(() => Procedure)
export class ProcedureResolver {
  @Query(() => DataRevisionInfo, {
    description: 'The data revision the hub held when this answer was read (one row). Cite it with any figure.',
  })
  dataRevision(@Ctx() { services }: Context): Promise<DataRevisionInfo> {
    return services.reference.dataRevision();
  }

  @Query(() => Procedure, {
    nullable: true,
    description: 'A procedure by its code, e.g. `BG05M9OP001-2.056`; null when unknown.',
  })
  procedure(
    @Arg('code', () => String, { description: 'Procedure code as published, e.g. `BG05M9OP001-2.056`.' }) code: string,
    @Ctx() { services }: Context,
  ): Promise<Procedure | null> {
    return services.reference.procedure(code.trim());
  }

  @FieldResolver(() => Source, { description: 'Where the procedure’s name and component are published.' })
  source(@Root() procedure: Procedure, @Ctx() { loaders }: Context): Source | null | Promise<Source | null> {
    return loaders.sourceByKey.load(procedure.sourceKey);
  }
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => [Programme], {
    complexity: listCost(Object.keys(PROGRAMME_CODES).length),
    description: 'The two operational programmes co-funding Component 2: OP HRD and OP SESG.',
  })
  programmes(@Ctx() { services }: Context): Promise<Programme[]> {
    return services.reference.programmes();
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], {
    complexity: listCost(MAX_INDICATORS),
    description: 'The catalogue of outcome indicators, by domain and code.',
  })
  indicators(@Ctx() { services }: Context): Promise<Indicator[]> {
    return services.reference.indicators();
  }
}

export const SourceConnection = Connection(Source, 'Source', 'source');
type SourceConnection = InstanceType<typeof SourceConnection>;

@InputType({ description: 'Conditions a source must meet (all that are given).' })
export class SourceFilter {
  @Field(() => [String], { nullable: true, description: 'Source keys, e.g. `["smolyan-final-press-conference"]`.' })
  keys?: string[];

  @Field(() => SourceKind, { nullable: true, description: 'Only full pages or only excerpts.' })
  kind?: SourceKind;

  @Field(() => String, { nullable: true, description: 'Part of the publisher’s name, case-insensitive.' })
  publisherContains?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Only sources cited for projects of these municipalities (codes).',
  })
  municipalityCodes?: string[];
}

@Resolver(() => Source)
export class SourceResolver {
  @Extensions({ longest: 'count:Source' })
  @Query(() => SourceConnection, {
    description: 'The published texts the dataset cites, newest first, as a Relay connection.',
  })
  async sources(
    @Ctx() { services }: Context,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1–100 (default 20).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after?: string,
    @Arg('filter', () => SourceFilter, { nullable: true, description: 'Conditions the sources must meet.' })
    filter?: SourceFilter,
  ): Promise<SourceConnection> {
    const { offset, limit } = pageWindow(first, after);
    return toConnection(await services.reference.sourcePage(filter, offset, limit)) as SourceConnection;
  }
}

@Resolver(() => Source)
export class SourceFieldsResolver {
  @Extensions({ size: 'text:SourceText.text' })
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The text of the page the hub holds (the whole page or an excerpt, see `kind`), at most 200,000 characters; every `asPublished` and procedure quote citing this source was checked against it at import (`verified`). Null when the hub holds none. Weighs in the cost what the longest text held weighs (one point per 64 bytes).',
  })
  text(@Root() source: Source, @Ctx() { loaders }: Context): Promise<string | null> | null {
    return source.textSha256 ? loaders.sourceTextByKey.load(source.key) : null;
  }

  @FieldResolver(() => [SourceRevision], {
    complexity: measuredList('rows:SourceRevision'),
    description: 'Every change of this source record, newest first (empty while it is as first imported).',
  })
  revisions(@Root() source: Source, @Ctx() { loaders }: Context): Promise<SourceRevision[]> {
    return loaders.sourceRevisionsByKey.load(source.key);
  }
}
