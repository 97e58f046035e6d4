import { listCost } from '../../graphql/field-cost';
import { measuredList } from '../../graphql/field-cost';
import { MAX_DISPUTED_LISTED } from './project.service';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { FilteredFact, type ProjectFilter } from './project.args';
import { Basis, IndicatorDomain } from '../../domain/enums';
import { Project, PeriodStatement } from '../../entities';
import { Connection } from '../../graphql/connection';
import { DateScalar } from '../../graphql/scalars';

export const ProjectConnection = Connection(Project, 'Project', 'project');
/** At run time a project connection also carries what its filter was, for `excludedAsDisputed`. */
export type ProjectConnection = InstanceType<typeof ProjectConnection> & { disputedScope?: DisputedScope };

/** The filter of a project list, and the municipality it is under (for `Municipality.projects`). */
export interface DisputedScope {
  filter: ProjectFilter | undefined;
  municipalityCode?: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A project that a range filter left out only because its sources disagree on a filtered fact (some statements inside the range, some outside).',
})
export class DisputedExclusion {
  /** Database id of the project (resolved to `project`). */
  projectId: number;

  @Field(() => [FilteredFact], { description: 'The filtered facts on which its sources split.' })
  facts: FilteredFact[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Projects a filter left out because their sources disagree on a filtered fact, so that nothing disappears silently.',
})
export class DisputedExclusions {
  @Field(() => Int, { description: 'How many projects were left out for that reason.' })
  count: number;

  @Field(() => [DisputedExclusion], {
    complexity: listCost(MAX_DISPUTED_LISTED),
    description:
      'Each such project with the facts its sources split on, by municipality name: at most the first 100 (`count` is the full number).',
  })
  projects: DisputedExclusion[];
}

/**
 * The project period as the sources state it. A date or duration is given only when every source
 * agrees; otherwise it is null and `statements` show each source's value (with a
 * CONTRADICTORY_SOURCES quality flag on the project).
 */
@ObjectType({
  simpleResolvers: true,
  description: 'Start, end and duration of a project as stated by its sources, with each statement and its source.',
})
export class ProjectPeriod {
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Start date where every source agrees; null when none gives it or sources disagree (see `statements`).',
  })
  startDate: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'End date where every source agrees; null when none gives it or sources disagree (see `statements`).',
  })
  endDate: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Duration in months as stated by the sources (not computed); null when none states it or they disagree.',
  })
  statedDurationMonths: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Duration in months computed by the hub from `startDate` and `endDate` (both inclusive), one decimal; null when either is unknown. Compare with `statedDurationMonths` (DURATION_MISMATCH).',
  })
  durationMonths: number | null;

  @Field(() => [PeriodStatement], {
    complexity: measuredList('rows:PeriodStatement'),
    description: 'Every statement of a start date, end date or duration, each with its source.',
  })
  statements: PeriodStatement[];
}

@InputType({ description: 'Which outcome figures to return; all given conditions apply.' })
export class IndicatorValueFilter {
  @Field(() => [IndicatorDomain], { nullable: true, description: 'Only indicators of these domains.' })
  domains?: IndicatorDomain[];

  @Field(() => Basis, { nullable: true, description: 'Only PLANNED or only ACHIEVED figures.' })
  basis?: Basis;

  @Field(() => [String], { nullable: true, description: 'Only these indicator codes.' })
  codes?: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only whole figures (no breakdown); false: only parts (with a breakdown).',
  })
  wholeOnly?: boolean;
}
