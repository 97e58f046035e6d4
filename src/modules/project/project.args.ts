import { Field, InputType, registerEnumType } from 'type-graphql';
import { Confirmation, ProjectStatus, QualityFlagCode } from '../../domain/enums';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction. Unknown values (null) always sort last.',
  valuesConfig: { ASC: { description: 'Ascending.' }, DESC: { description: 'Descending.' } },
});

export enum ProjectOrderField {
  TOTAL_BUDGET = 'TOTAL_BUDGET',
  START_DATE = 'START_DATE',
  END_DATE = 'END_DATE',
  MUNICIPALITY_NAME = 'MUNICIPALITY_NAME',
  TITLE = 'TITLE',
}
registerEnumType(ProjectOrderField, {
  name: 'ProjectOrderField',
  description: 'What projects can be sorted by.',
  valuesConfig: {
    TOTAL_BUDGET: {
      description:
        'Stated total budget in BGN (`Project.budget`); projects whose total is unknown or contradictory last.',
    },
    START_DATE: { description: 'Start date where all sources agree; others last.' },
    END_DATE: { description: 'End date where all sources agree; others last.' },
    MUNICIPALITY_NAME: { description: 'Bulgarian name of the municipality (the default).' },
    TITLE: { description: 'Bulgarian title as published; projects without a known title last.' },
  },
});

@InputType({ description: 'Sort order of projects.' })
export class ProjectOrder {
  @Field(() => ProjectOrderField, { description: 'What to sort by.' })
  field: ProjectOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction (default ASC).' })
  direction: OrderDirection = OrderDirection.ASC;
}

/** A fact a range filter is applied to; sources may state it differently. */
export enum FilteredFact {
  START_DATE = 'START_DATE',
  END_DATE = 'END_DATE',
  TOTAL_BUDGET = 'TOTAL_BUDGET',
}
registerEnumType(FilteredFact, {
  name: 'FilteredFact',
  description: 'A fact that a range filter (dates, budget) applies to, over every source statement of it.',
  valuesConfig: {
    START_DATE: { description: 'The stated start dates (`startDateFrom`, `startDateTo`).' },
    END_DATE: { description: 'The stated end dates (`endDateFrom`, `endDateTo`).' },
    TOTAL_BUDGET: { description: 'The stated total budgets in BGN (`minTotalBudget`, `maxTotalBudget`).' },
  },
});

@InputType({
  description:
    'Conditions a project must meet; all given conditions apply (AND), values inside one list are alternatives (OR). A range condition (dates, budget) matches a project when every source statement of that fact is inside the range; a project whose sources split is left out and reported in `ProjectConnection.excludedAsDisputed` (or `disputedExclusions`).',
})
export class ProjectFilter {
  @Field(() => [String], { nullable: true, description: 'Municipality codes, e.g. `["SZR12", "SML31"]`.' })
  municipalityCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Oblast codes, e.g. `["SZR"]`.' })
  oblastCodes?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Programme codes (`BG05M9OP001`, `BG05M2OP001`) or short codes (`OP_HRD`, `OP_SESG`): projects with an amount, contract, partner, activity or target group under one of them.',
  })
  programmeCodes?: string[];

  @Field(() => [ProjectStatus], { nullable: true, description: 'Reported stages.' })
  status?: ProjectStatus[];

  @Field(() => [Confirmation], { nullable: true, description: '`CONFIRMED` and/or `PROBABLE`.' })
  confirmation?: Confirmation[];

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Start date on or after this date: every stated start date must be (a project whose sources split is left out and reported as disputed; one with no stated start does not match).',
  })
  startDateFrom?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Start date on or before this date: every stated start date must be.',
  })
  startDateTo?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'End date on or after this date: every stated end date must be (a project whose sources split is left out and reported as disputed; one with no stated end does not match).',
  })
  endDateFrom?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'End date on or before this date: every stated end date must be.',
  })
  endDateTo?: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Stated total budget at least this amount, in BGN: every exact total stated must be, and a lower bound ("над") counts when it is at least this; a ceiling ("до") never proves a minimum. Rounded restatements are not counted. Splits are reported as disputed.',
  })
  minTotalBudget?: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Stated total budget at most this amount, in BGN: every exact total stated must be, and a ceiling ("до") counts when it is at most this; a lower bound never proves a maximum.',
  })
  maxTotalBudget?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the title, case-insensitive, in Cyrillic or in Latin transliteration ("заедно", "zaedno").',
  })
  titleContains?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Indicator codes: projects with at least one value of one of them (planned or achieved).',
  })
  hasIndicator?: string[];

  @Field(() => [QualityFlagCode], {
    nullable: true,
    description: 'Projects carrying at least one of these quality flags.',
  })
  qualityFlags?: QualityFlagCode[];
}
