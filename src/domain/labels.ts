import type {
  ActivityCategory,
  Basis,
  Confirmation,
  Currency,
  FundingKind,
  IndicatorDomain,
  OrganisationType,
  PartnerRole,
  PeriodField,
  ProjectStatus,
  Qualifier,
  QualityFlagCode,
  Severity,
  SourceKind,
  TargetGroupCategory,
} from './enums';
import type { LeftOutReason } from './left-out';

/**
 * What the codes of the dataset's vocabularies (enums.ts, left-out.ts) say, in Bulgarian and English, for
 * people reading them (the dashboard). The schema's descriptions stay the English reference; these are
 * the short words a page shows instead of a code. Typed by the enums, so a new code needs its words.
 */

/** A label: Bulgarian, then English. */
export type Label = readonly [bg: string, en: string];
export type Labels<Code extends string> = Readonly<Record<Code, Label>>;

export const PROJECT_STATUS: Labels<ProjectStatus> = {
  ANNOUNCED: ['обявен, без договор', 'announced, no contract yet'],
  CONTRACTED: ['с подписан договор', 'contracted'],
  ONGOING: ['в изпълнение', 'ongoing'],
  COMPLETED: ['приключил', 'completed'],
  UNKNOWN: ['етапът не е известен', 'stage unknown'],
};

export const CONFIRMATION: Labels<Confirmation> = {
  CONFIRMED: ['потвърден по процедура BG05M9OP001-2.056', 'confirmed under procedure BG05M9OP001-2.056'],
  PROBABLE: ['вероятен: никой източник не назовава процедурата', 'probable: no source names the procedure'],
};

export const FUNDING_KIND: Labels<FundingKind> = {
  TOTAL: ['общо', 'total'],
  EU: ['дял на ЕС (ЕСФ)', 'EU share (ESF)'],
  NATIONAL: ['национално съфинансиране', 'national co-financing'],
};

export const QUALIFIER: Labels<Qualifier> = {
  EXACT: ['точно', 'exact'],
  AT_LEAST: ['поне (долна граница)', 'at least (lower bound)'],
  AT_MOST: ['до (таван, не сума)', 'up to (a ceiling, not an amount)'],
  APPROXIMATE: ['приблизително', 'approximate'],
};

export const BASIS: Labels<Basis> = {
  PLANNED: ['планирано', 'planned'],
  ACHIEVED: ['постигнато', 'achieved'],
};

export const SOURCE_KIND: Labels<SourceKind> = {
  FULL_PAGE: ['цялата страница', 'the whole page'],
  EXCERPT: ['откъс от страницата', 'an excerpt of the page'],
};

export const ORGANISATION_TYPE: Labels<OrganisationType> = {
  SCHOOL: ['училище', 'school'],
  KINDERGARTEN: ['детска градина', 'kindergarten'],
  NGO: ['неправителствена организация', 'non-governmental organisation'],
  MUNICIPAL_ENTERPRISE: ['общинско предприятие', 'municipal enterprise'],
  STATE_AGENCY: ['държавна агенция', 'state agency'],
  MINISTRY: ['министерство', 'ministry'],
  COMPANY: ['търговско дружество', 'company'],
  OTHER: ['друга организация', 'other organisation'],
};

export const PARTNER_ROLE: Labels<PartnerRole> = {
  PARTNER: ['партньор', 'partner'],
  ASSOCIATED_PARTNER: ['асоцииран партньор', 'associated partner'],
  EMPLOYER: ['работодател', 'employer'],
};

export const ACTIVITY_CATEGORY: Labels<ActivityCategory> = {
  EMPLOYMENT_AND_ACTIVATION: ['заетост и активиране', 'employment and activation'],
  TRAINING: ['обучение на възрастни', 'training of adults'],
  SOCIAL_AND_HEALTH_SERVICES: ['социални и здравни услуги', 'social and health services'],
  COMMUNITY_AND_STEREOTYPES: ['общност и преодоляване на стереотипи', 'community and stereotypes'],
  ADDITIONAL_EDUCATION: ['допълнително обучение', 'additional education'],
  EDUCATIONAL_ENVIRONMENT: ['образователна среда', 'educational environment'],
  PSYCHOLOGICAL_SUPPORT: ['психологическа подкрепа', 'psychological support'],
  WORK_WITH_PARENTS: ['работа с родители', 'work with parents'],
  CAREER_GUIDANCE: ['кариерно ориентиране', 'career guidance'],
  OTHER: ['друга дейност', 'other activity'],
};

export const TARGET_GROUP_CATEGORY: Labels<TargetGroupCategory> = {
  CHILDREN_AND_PUPILS: ['деца и ученици', 'children and pupils'],
  YOUTH: ['младежи', 'young people'],
  PARENTS: ['родители', 'parents'],
  VULNERABLE_GROUPS: ['уязвими групи', 'vulnerable groups'],
  DISCRIMINATED: ['лица, изложени на дискриминация', 'people facing discrimination'],
  DEPRIVED_AREAS: ['живеещи в райони на бедност и изолация', 'people in areas of poverty and isolation'],
  SOCIAL_HOUSING_RESIDENTS: ['живеещи в социални жилища', 'social housing residents'],
  JOBSEEKERS_AND_INACTIVE: ['безработни и неактивни', 'jobseekers and inactive people'],
  OTHER: ['друга група', 'other group'],
};

export const INDICATOR_DOMAIN: Labels<IndicatorDomain> = {
  EMPLOYMENT: ['заетост', 'employment'],
  EDUCATION: ['образование', 'education'],
  SOCIAL: ['социални и здравни услуги', 'social and health services'],
  COMMUNITY: ['общност', 'community'],
  EQUIPMENT: ['оборудване', 'equipment'],
};

export const PERIOD_FIELD: Labels<PeriodField> = {
  START_DATE: ['начало', 'start'],
  END_DATE: ['край', 'end'],
  DURATION_MONTHS: ['продължителност (месеци)', 'duration (months)'],
};

export const QUALITY_FLAG_CODE: Labels<QualityFlagCode> = {
  CONTRADICTORY_SOURCES: ['източниците си противоречат', 'the sources contradict each other'],
  DURATION_MISMATCH: [
    'посочената продължителност не отговаря на датите',
    'the stated duration does not match the dates',
  ],
  SUM_MISMATCH: ['частите не дават посочената обща сума', 'the parts do not add up to the stated total'],
  UNCONFIRMED_PROCEDURE: ['никой източник не назовава процедурата', 'no source names the procedure'],
  NON_CANONICAL_CONTRACT_NUMBER: [
    'номер, изписан с кирилски букви или изпуснати цифри',
    'a number written with Cyrillic letters or dropped digits',
  ],
};

export const SEVERITY: Labels<Severity> = {
  INFO: ['за сведение', 'for information'],
  WARNING: ['внимание', 'warning'],
};

export const CURRENCY: Labels<Currency> = {
  BGN: ['лева (BGN)', 'leva (BGN)'],
  EUR: ['евро (EUR)', 'euro (EUR)'],
};

export const LEFT_OUT_REASON: Labels<LeftOutReason> = {
  NO_AMOUNT: ['източниците не посочват сума', 'no source states an amount'],
  DISPUTED: ['източниците си противоречат', 'the sources disagree'],
  CEILING_ONLY: ['посочен е само таван („до“)', 'only a ceiling (“до”) is stated'],
  LOWER_BOUND_ONLY: ['посочена е само долна граница („над“)', 'only a lower bound (“над”) is stated'],
  APPROXIMATE_ONLY: ['посочена е само приблизителна сума („близо“)', 'only an approximate amount (“близо”) is stated'],
  PUBLISHED_IN_EUR: ['публикувана е само в евро от портал на ЕС', 'only an EU portal’s EUR figure is published'],
};

/** The two programmes by code (PROGRAMME_CODES): their abbreviations in each language. */
export const PROGRAMME: Readonly<Record<string, Label>> = {
  BG05M9OP001: ['ОП РЧР', 'OP HRD'],
  BG05M2OP001: ['ОП НОИР', 'OP SESG'],
};

/** The labels of this file by GraphQL enum name. */
export const DOMAIN_LABELS = {
  ProjectStatus: PROJECT_STATUS,
  Confirmation: CONFIRMATION,
  FundingKind: FUNDING_KIND,
  Qualifier: QUALIFIER,
  Basis: BASIS,
  SourceKind: SOURCE_KIND,
  OrganisationType: ORGANISATION_TYPE,
  PartnerRole: PARTNER_ROLE,
  ActivityCategory: ACTIVITY_CATEGORY,
  TargetGroupCategory: TARGET_GROUP_CATEGORY,
  IndicatorDomain: INDICATOR_DOMAIN,
  PeriodField: PERIOD_FIELD,
  QualityFlagCode: QUALITY_FLAG_CODE,
  Severity: SEVERITY,
  Currency: CURRENCY,
  LeftOutReason: LEFT_OUT_REASON,
} as const;
