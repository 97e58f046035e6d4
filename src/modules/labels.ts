import type { Label, Labels } from '../domain/labels';
import type { DraftProposalFlag, DraftProposalKind } from './draft/draft.types';
import type { ImportAction } from './import/import.types';
import type { MunicipalityOrderField } from './municipality/municipality.args';
import type { FilteredFact, OrderDirection, ProjectOrderField } from './project/project.args';

/** The import's, the draft's and the list arguments' codes in Bulgarian and English (see domain/labels.ts). */

export const IMPORT_ACTION: Labels<ImportAction> = {
  CREATED: ['нов проект', 'new project'],
  UPDATED: ['промяна на проекта', 'project changed'],
  UNCHANGED: ['без промяна', 'no change'],
};

export const DRAFT_PROPOSAL_KIND: Labels<DraftProposalKind> = {
  TITLE: ['заглавие', 'title'],
  PROCEDURE: ['процедура', 'procedure'],
  REGISTRATION: ['регистрационен номер', 'registration number'],
  CONTRACT: ['договор', 'contract'],
  AMOUNT: ['сума', 'amount'],
  DATE: ['дата', 'date'],
  DURATION: ['продължителност (месеци)', 'duration (months)'],
  COUNT: ['брой', 'count'],
  PARTNER: ['партньор', 'partner'],
};

export const DRAFT_PROPOSAL_FLAG: Labels<DraftProposalFlag> = {
  CONFLICTING: ['друго предложение казва друго', 'another proposal says otherwise'],
  BASIS_UNCERTAIN: ['не е ясно планирано ли е или постигнато', 'planned or achieved is unclear'],
  INDICATOR_UNCERTAIN: ['показателят е предположение', 'the indicator is a guess'],
  YEAR_ASSUMED: ['годината е предположена', 'the year is assumed'],
};

const START: Label = ['начална дата', 'start date'];
const END: Label = ['крайна дата', 'end date'];

export const FILTERED_FACT: Labels<FilteredFact> = {
  START_DATE: START,
  END_DATE: END,
  TOTAL_BUDGET: ['обща стойност', 'total budget'],
};

export const PROJECT_ORDER_FIELD: Labels<ProjectOrderField> = {
  TITLE: ['заглавие', 'title'],
  MUNICIPALITY_NAME: ['име на общината', 'municipality name'],
  START_DATE: START,
  END_DATE: END,
  TOTAL_BUDGET: ['обща стойност', 'total budget'],
};

export const MUNICIPALITY_ORDER_FIELD: Labels<MunicipalityOrderField> = {
  CODE: ['код', 'code'],
  NAME: ['име', 'name'],
  POPULATION: ['население', 'population'],
};

export const ORDER_DIRECTION: Labels<OrderDirection> = {
  ASC: ['възходящо', 'ascending'],
  DESC: ['низходящо', 'descending'],
};

/** The labels of this file by GraphQL enum name. */
export const MODULE_LABELS = {
  ImportAction: IMPORT_ACTION,
  DraftProposalKind: DRAFT_PROPOSAL_KIND,
  DraftProposalFlag: DRAFT_PROPOSAL_FLAG,
  FilteredFact: FILTERED_FACT,
  ProjectOrderField: PROJECT_ORDER_FIELD,
  MunicipalityOrderField: MUNICIPALITY_ORDER_FIELD,
  OrderDirection: ORDER_DIRECTION,
} as const;
