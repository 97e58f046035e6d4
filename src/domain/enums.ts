import { registerEnumType } from 'type-graphql';

/**
 * The fixed vocabularies of the dataset. Each is stored as text (checked on import) and exposed as a
 * GraphQL enum; the descriptions here are the ones users read in the schema.
 */

export enum ProjectStatus {
  ANNOUNCED = 'ANNOUNCED',
  CONTRACTED = 'CONTRACTED',
  ONGOING = 'ONGOING',
  COMPLETED = 'COMPLETED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(ProjectStatus, {
  name: 'ProjectStatus',
  description: 'Stage of a project as last reported by a source (see `Project.statusAsOf` and `Project.statusSource`).',
  valuesConfig: {
    ANNOUNCED: { description: 'Approved or announced; no contract reported yet.' },
    CONTRACTED: { description: 'Grant contract signed or handed over; implementation not yet reported.' },
    ONGOING: { description: 'Reported as being implemented.' },
    COMPLETED: { description: 'Reported as finished (e.g. a final press conference).' },
    UNKNOWN: { description: 'No source reports the stage.' },
  },
});

export enum Confirmation {
  CONFIRMED = 'CONFIRMED',
  PROBABLE = 'PROBABLE',
}
registerEnumType(Confirmation, {
  name: 'Confirmation',
  description: 'Whether the project is known to belong to procedure BG05M9OP001-2.056 (Component 2).',
  valuesConfig: {
    CONFIRMED: { description: 'At least one source names the procedure for this project.' },
    PROBABLE: { description: 'No source names the procedure; the project matches it by programmes, aim and period.' },
  },
});

export enum FundingKind {
  TOTAL = 'TOTAL',
  EU = 'EU',
  NATIONAL = 'NATIONAL',
}
registerEnumType(FundingKind, {
  name: 'FundingKind',
  description: 'Which part of a budget an amount is.',
  valuesConfig: {
    TOTAL: { description: 'The whole amount (EU and national together), of the project or of one programme.' },
    EU: { description: 'The European Union share (European Social Fund, 85 % in this procedure).' },
    NATIONAL: { description: 'The national co-financing share (15 % in this procedure).' },
  },
});

export enum Qualifier {
  EXACT = 'EXACT',
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
  APPROXIMATE = 'APPROXIMATE',
}
registerEnumType(Qualifier, {
  name: 'Qualifier',
  description: 'How exactly a source states a figure.',
  valuesConfig: {
    EXACT: { description: 'Stated as an exact figure.' },
    AT_LEAST: { description: 'A lower bound ("над 50", "more than 50").' },
    AT_MOST: {
      description:
        'An upper bound, a ceiling ("до", "в размер до", "в максимален размер до", "up to"): at most this much, never used as the amount.',
    },
    APPROXIMATE: { description: 'An approximation ("близо 1,6 милиона", "nearly 1.6 million").' },
  },
});

export enum Basis {
  PLANNED = 'PLANNED',
  ACHIEVED = 'ACHIEVED',
}
registerEnumType(Basis, {
  name: 'Basis',
  description: 'Whether a figure is a plan or a result. Planned and achieved figures are never mixed silently.',
  valuesConfig: {
    PLANNED: { description: 'Planned or expected ("ще се осигури", "will be provided").' },
    ACHIEVED: {
      description: 'Reported as achieved ("беше осигурена", "was provided"), possibly part-way (see `asOf`).',
    },
  },
});

export enum SourceKind {
  FULL_PAGE = 'FULL_PAGE',
  EXCERPT = 'EXCERPT',
}
registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'How much of a published page the hub holds.',
  valuesConfig: {
    FULL_PAGE: { description: 'The whole page text was captured.' },
    EXCERPT: { description: 'Only the beginning of the page was captured; a figure cut off is unknown, not zero.' },
  },
});

export enum OrganisationType {
  SCHOOL = 'SCHOOL',
  KINDERGARTEN = 'KINDERGARTEN',
  NGO = 'NGO',
  MUNICIPAL_ENTERPRISE = 'MUNICIPAL_ENTERPRISE',
  STATE_AGENCY = 'STATE_AGENCY',
  MINISTRY = 'MINISTRY',
  COMPANY = 'COMPANY',
  OTHER = 'OTHER',
}
registerEnumType(OrganisationType, {
  name: 'OrganisationType',
  description: 'Kind of organisation taking part in a project.',
  valuesConfig: {
    SCHOOL: { description: 'A school (основно, средно училище, профилирана / професионална гимназия).' },
    KINDERGARTEN: { description: 'A kindergarten (детска градина, ДГ).' },
    NGO: { description: 'A non-governmental organisation (сдружение, фондация).' },
    MUNICIPAL_ENTERPRISE: { description: 'A municipal enterprise (общинско предприятие, ОП).' },
    STATE_AGENCY: { description: 'A state agency or its regional office (Агенция по заетостта, РЗИ …).' },
    MINISTRY: { description: 'A ministry or its regional administration.' },
    COMPANY: { description: 'A commercial company (ООД, ЕООД, АД).' },
    OTHER: { description: 'Anything else (e.g. a children’s complex, a community centre).' },
  },
});

export enum PartnerRole {
  PARTNER = 'PARTNER',
  ASSOCIATED_PARTNER = 'ASSOCIATED_PARTNER',
  EMPLOYER = 'EMPLOYER',
}
registerEnumType(PartnerRole, {
  name: 'PartnerRole',
  description: 'Role of an organisation in a project. One organisation may hold several roles (one row each).',
  valuesConfig: {
    PARTNER: { description: 'Partner implementing activities (партньор).' },
    ASSOCIATED_PARTNER: { description: 'Associated partner supporting without a budget (асоцииран партньор).' },
    EMPLOYER: { description: 'Employer of persons from the target groups under the project.' },
  },
});

export enum ActivityCategory {
  EMPLOYMENT_AND_ACTIVATION = 'EMPLOYMENT_AND_ACTIVATION',
  TRAINING = 'TRAINING',
  SOCIAL_AND_HEALTH_SERVICES = 'SOCIAL_AND_HEALTH_SERVICES',
  COMMUNITY_AND_STEREOTYPES = 'COMMUNITY_AND_STEREOTYPES',
  ADDITIONAL_EDUCATION = 'ADDITIONAL_EDUCATION',
  EDUCATIONAL_ENVIRONMENT = 'EDUCATIONAL_ENVIRONMENT',
  PSYCHOLOGICAL_SUPPORT = 'PSYCHOLOGICAL_SUPPORT',
  WORK_WITH_PARENTS = 'WORK_WITH_PARENTS',
  CAREER_GUIDANCE = 'CAREER_GUIDANCE',
  OTHER = 'OTHER',
}
registerEnumType(ActivityCategory, {
  name: 'ActivityCategory',
  description: 'The hub’s small fixed taxonomy of project activities, assigned from the activity title.',
  valuesConfig: {
    EMPLOYMENT_AND_ACTIVATION: { description: 'Activation, job mediation, subsidised employment, self-employment.' },
    TRAINING: { description: 'Motivational and vocational training of adults.' },
    SOCIAL_AND_HEALTH_SERVICES: { description: 'Access to social and health services.' },
    COMMUNITY_AND_STEREOTYPES: { description: 'Community development, overcoming negative stereotypes and attitudes.' },
    ADDITIONAL_EDUCATION: {
      description: 'Additional classes (Bulgarian language, pupils at risk of dropping out, continuing education).',
    },
    EDUCATIONAL_ENVIRONMENT: { description: 'Improving the educational environment of schools and kindergartens.' },
    PSYCHOLOGICAL_SUPPORT: { description: 'Psychological support for children and pupils.' },
    WORK_WITH_PARENTS: { description: 'Work with parents and their participation in education.' },
    CAREER_GUIDANCE: { description: 'Career guidance of pupils.' },
    OTHER: { description: 'Anything else.' },
  },
});

export enum TargetGroupCategory {
  CHILDREN_AND_PUPILS = 'CHILDREN_AND_PUPILS',
  YOUTH = 'YOUTH',
  PARENTS = 'PARENTS',
  VULNERABLE_GROUPS = 'VULNERABLE_GROUPS',
  DISCRIMINATED = 'DISCRIMINATED',
  DEPRIVED_AREAS = 'DEPRIVED_AREAS',
  SOCIAL_HOUSING_RESIDENTS = 'SOCIAL_HOUSING_RESIDENTS',
  JOBSEEKERS_AND_INACTIVE = 'JOBSEEKERS_AND_INACTIVE',
  OTHER = 'OTHER',
}
registerEnumType(TargetGroupCategory, {
  name: 'TargetGroupCategory',
  description: 'The hub’s taxonomy of target groups, assigned from the published description.',
  valuesConfig: {
    CHILDREN_AND_PUPILS: { description: 'Children and pupils (from ethnic minorities and vulnerable groups).' },
    YOUTH: { description: 'Young people.' },
    PARENTS: { description: 'Parents.' },
    VULNERABLE_GROUPS: { description: 'Representatives of vulnerable groups in general.' },
    DISCRIMINATED: { description: 'People at risk of or victims of discrimination.' },
    DEPRIVED_AREAS: { description: 'People living in areas with concentrated poverty, isolation or segregation.' },
    SOCIAL_HOUSING_RESIDENTS: { description: 'People housed in social housing.' },
    JOBSEEKERS_AND_INACTIVE: { description: 'Unemployed, inactive or disadvantaged adults seeking work or training.' },
    OTHER: { description: 'Anything else.' },
  },
});

export enum IndicatorDomain {
  EMPLOYMENT = 'EMPLOYMENT',
  EDUCATION = 'EDUCATION',
  SOCIAL = 'SOCIAL',
  COMMUNITY = 'COMMUNITY',
  EQUIPMENT = 'EQUIPMENT',
}
registerEnumType(IndicatorDomain, {
  name: 'IndicatorDomain',
  description: 'Area an outcome indicator belongs to.',
  valuesConfig: {
    EMPLOYMENT: { description: 'Jobs and employment (mostly OP HRD).' },
    EDUCATION: { description: 'Children and pupils reached by education measures (OP SESG).' },
    SOCIAL: { description: 'Social and health services, people reached and supported.' },
    COMMUNITY: { description: 'Community events, discussions, campaigns.' },
    EQUIPMENT: { description: 'Equipment and furnishing delivered.' },
  },
});

export enum PeriodField {
  START_DATE = 'START_DATE',
  END_DATE = 'END_DATE',
  DURATION_MONTHS = 'DURATION_MONTHS',
}
registerEnumType(PeriodField, {
  name: 'PeriodField',
  description: 'Which part of a project period a statement gives.',
  valuesConfig: {
    START_DATE: { description: 'Start date of implementation.' },
    END_DATE: { description: 'End date of implementation.' },
    DURATION_MONTHS: { description: 'Duration in months as stated by the source (not computed).' },
  },
});

export enum QualityFlagCode {
  CONTRADICTORY_SOURCES = 'CONTRADICTORY_SOURCES',
  DURATION_MISMATCH = 'DURATION_MISMATCH',
  SUM_MISMATCH = 'SUM_MISMATCH',
  UNCONFIRMED_PROCEDURE = 'UNCONFIRMED_PROCEDURE',
  NON_CANONICAL_CONTRACT_NUMBER = 'NON_CANONICAL_CONTRACT_NUMBER',
}
registerEnumType(QualityFlagCode, {
  name: 'QualityFlagCode',
  description: 'Data-quality findings computed by the hub from the stored figures (never typed by hand).',
  valuesConfig: {
    CONTRADICTORY_SOURCES: { description: 'Two values for one fact (from two sources, or twice in one source).' },
    DURATION_MISMATCH: {
      description:
        'A stated duration in months differs by a month or more from every span between the stated start and end dates.',
    },
    SUM_MISMATCH: {
      description: 'Parts (per programme, or EU + national) differ from the stated total by more than 0.01 BGN.',
    },
    UNCONFIRMED_PROCEDURE: { description: 'No source names procedure BG05M9OP001-2.056 for this project.' },
    NON_CANONICAL_CONTRACT_NUMBER: {
      description:
        'A source wrote a contract or registration number with Cyrillic look-alike letters or dropped digits; the hub stores the canonical form.',
    },
  },
});

export enum Severity {
  INFO = 'INFO',
  WARNING = 'WARNING',
}
registerEnumType(Severity, {
  name: 'Severity',
  description: 'How much a quality flag should weigh in a comparison.',
  valuesConfig: {
    INFO: { description: 'Worth knowing; the figures can still be compared.' },
    WARNING: { description: 'A figure involved is uncertain; compare with care.' },
  },
});

export enum Currency {
  BGN = 'BGN',
  EUR = 'EUR',
}
registerEnumType(Currency, {
  name: 'Currency',
  description:
    'Currency of a money value. Amounts are published in BGN (EU portals publish EUR); the other currency is ' +
    'converted at the fixed rate 1.95583 BGN/EUR (Bulgaria adopted the euro on 1 January 2026), rounded half-up to the cent.',
  valuesConfig: {
    BGN: { description: 'Bulgarian lev: as published, or converted at 1.95583 from a figure published in EUR.' },
    EUR: { description: 'Euro: converted from BGN at 1.95583 BGN/EUR, or as an EU portal published it.' },
  },
});

export const PROGRAMME_CODES = { OP_HRD: 'BG05M9OP001', OP_SESG: 'BG05M2OP001' } as const;
export const PROCEDURE_CODE = 'BG05M9OP001-2.056';
