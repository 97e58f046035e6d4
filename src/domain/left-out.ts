import { registerEnumType } from 'type-graphql';

/** Why an amount of a project is not added into a budget sum: never silently, always counted and said. */
export enum LeftOutReason {
  NO_AMOUNT = 'NO_AMOUNT',
  DISPUTED = 'DISPUTED',
  CEILING_ONLY = 'CEILING_ONLY',
  LOWER_BOUND_ONLY = 'LOWER_BOUND_ONLY',
  APPROXIMATE_ONLY = 'APPROXIMATE_ONLY',
  PUBLISHED_IN_EUR = 'PUBLISHED_IN_EUR',
}
registerEnumType(LeftOutReason, {
  name: 'LeftOutReason',
  description: 'Why a project’s amount is not in a budget sum.',
  valuesConfig: {
    NO_AMOUNT: {
      description:
        'No source states this amount (e.g. the project’s total is stated but not its amount per programme).',
    },
    DISPUTED: { description: 'Sources state it differently (or an exact figure contradicts a stated bound).' },
    CEILING_ONLY: { description: 'Only a ceiling is stated ("в размер до …"): an upper bound, never an amount.' },
    LOWER_BOUND_ONLY: { description: 'Only a lower bound is stated ("над …").' },
    APPROXIMATE_ONLY: { description: 'Only an approximation is stated ("близо …").' },
    PUBLISHED_IN_EUR: {
      description:
        'Only an EU portal’s EUR figure is stated (converted by the portal at its own rate): never added to BGN amounts.',
    },
  },
});
