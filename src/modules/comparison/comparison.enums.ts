import { registerEnumType } from 'type-graphql';

/** The comparison's small vocabularies: bases, caveats, units, rank directions. No logic here. */

export enum ComparisonBasis {
  PLANNED = 'PLANNED',
  ACHIEVED = 'ACHIEVED',
  BEST_AVAILABLE = 'BEST_AVAILABLE',
}
registerEnumType(ComparisonBasis, {
  name: 'ComparisonBasis',
  description: 'Which outcome figures a comparison uses.',
  valuesConfig: {
    PLANNED: { description: 'Only planned figures.' },
    ACHIEVED: { description: 'Only achieved figures.' },
    BEST_AVAILABLE: {
      description:
        'Per project, the achieved figure where there is one, else the planned one. Each cell says which; a column mixing both carries MIXED_BASIS and is ranked within each basis.',
    },
  },
});

export enum CaveatCode {
  MIXED_BASIS = 'MIXED_BASIS',
  MISSING_NUMERATOR = 'MISSING_NUMERATOR',
  MISSING_DENOMINATOR = 'MISSING_DENOMINATOR',
  CONTRADICTORY_SOURCES = 'CONTRADICTORY_SOURCES',
  LOWER_BOUND = 'LOWER_BOUND',
  UPPER_BOUND = 'UPPER_BOUND',
  APPROXIMATE = 'APPROXIMATE',
  UNCONFIRMED_PROCEDURE = 'UNCONFIRMED_PROCEDURE',
  PARTIAL_ACHIEVEMENT = 'PARTIAL_ACHIEVEMENT',
  MULTIPLE_PROJECTS = 'MULTIPLE_PROJECTS',
}
registerEnumType(CaveatCode, {
  name: 'CaveatCode',
  description: 'Why a comparison value must be read with care (or is null).',
  valuesConfig: {
    MIXED_BASIS: { description: 'The column mixes planned and achieved values; they are ranked separately.' },
    MISSING_NUMERATOR: {
      description: 'The value is null: no source gives the numerator (the message says which figure).',
    },
    MISSING_DENOMINATOR: { description: 'The value is null: no source gives the denominator, or it is zero.' },
    CONTRADICTORY_SOURCES: {
      description: 'A figure needed is stated differently by two sources: the value is null rather than a guess.',
    },
    LOWER_BOUND: {
      description: 'A figure used is a lower bound ("над 50", or a partner list cut off): the value is not ranked.',
    },
    UPPER_BOUND: {
      description:
        'The value is null: a figure needed is known only as a ceiling ("в размер до …", "up to"); the message states the ceiling. A ceiling is never used as an amount.',
    },
    APPROXIMATE: { description: 'A figure used is approximate ("близо …"): the value is not ranked.' },
    UNCONFIRMED_PROCEDURE: { description: 'A project counted is PROBABLE: no source names the procedure.' },
    PARTIAL_ACHIEVEMENT: {
      description: 'An achieved figure was reported part-way through the project (see the date in the message).',
    },
    MULTIPLE_PROJECTS: {
      description: 'The value combines several projects of the municipality (summed, or averaged for durations).',
    },
  },
});

export enum MetricUnit {
  MONEY = 'MONEY',
  MONEY_PER_PERSON = 'MONEY_PER_PERSON',
  MONEY_PER_MONTH = 'MONEY_PER_MONTH',
  PERCENT = 'PERCENT',
  MONTHS = 'MONTHS',
  PERSONS = 'PERSONS',
  ORGANISATIONS = 'ORGANISATIONS',
}

export enum RankDirection {
  HIGHEST_FIRST = 'HIGHEST_FIRST',
  LOWEST_FIRST = 'LOWEST_FIRST',
}

registerEnumType(MetricUnit, {
  name: 'MetricUnit',
  description: 'Unit of a metric value. Money units are in the comparison’s currency.',
  valuesConfig: {
    MONEY: { description: 'An amount in the requested currency.' },
    MONEY_PER_PERSON: { description: 'An amount per person (or per child), in the requested currency.' },
    MONEY_PER_MONTH: { description: 'An amount per month, in the requested currency.' },
    PERCENT: { description: 'A percentage, 0–100.' },
    MONTHS: { description: 'Calendar months.' },
    PERSONS: { description: 'A number of persons or children.' },
    ORGANISATIONS: { description: 'A number of organisations.' },
  },
});
registerEnumType(RankDirection, {
  name: 'RankDirection',
  description: 'Which end of a metric gets rank 1.',
  valuesConfig: {
    HIGHEST_FIRST: { description: 'Rank 1 is the highest value.' },
    LOWEST_FIRST: { description: 'Rank 1 is the lowest value (costs: who paid least).' },
  },
});
