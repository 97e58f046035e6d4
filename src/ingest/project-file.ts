import type {
  ActivityCategory,
  Basis,
  FundingKind,
  OrganisationType,
  PartnerRole,
  PeriodField,
  ProjectStatus,
  Qualifier,
  SourceKind,
  TargetGroupCategory,
} from '../domain/enums';

/** One project file of the public import format (`schema/project-import.schema.json`, version 1). */
export interface ProjectFile {
  formatVersion: 1;
  /** Generated benchmark data (key starts with `synthetic-`). */
  synthetic?: boolean;
  key: string;
  municipalityCode: string;
  procedureCode: string;
  sources: SourceEntry[];
  title: { value: string; source: string } | null;
  registrationNumber?: { value: string; asPublished: string; source: string; note?: string } | null;
  status?: { value: ProjectStatus; asOf: string | null; source: string; note?: string } | null;
  aim?: { value: string; source: string } | null;
  procedureCitations: { quote: string; source: string }[];
  period: PeriodEntry[];
  contracts: ContractEntry[];
  funding: FundingEntry[];
  partners: PartnerEntry[];
  activities: ActivityEntry[];
  targetGroups: TargetGroupEntry[];
  indicators: IndicatorEntry[];
  missing: { field: string; reason: string }[];
  notes: string[];
}

export interface SourceEntry {
  key: string;
  url: string | null;
  title: string;
  publisher: string;
  publishedOn: string | null;
  kind: SourceKind;
  language: string;
  /** The page's text (or an excerpt), when the file brings it. */
  text?: string;
}

interface Sourced {
  source: string;
  note?: string;
}

export interface PeriodEntry extends Sourced {
  field: PeriodField;
  date?: string;
  months?: number;
  asPublished?: string;
}

export interface ContractEntry extends Sourced {
  programme: string;
  number: string;
  asPublished: string;
  signedOn: string | null;
}

export interface FundingEntry extends Sourced {
  programme: string | null;
  kind: FundingKind;
  amount: string;
  currency: 'BGN' | 'EUR';
  qualifier: Qualifier;
  asPublished: string;
}

export interface PartnerEntry extends Sourced {
  /** The organisation's name as published: the same organisation in every statement. */
  name: string;
  /** The name exactly as this source writes it, where it writes it otherwise than `name`. */
  asPublished?: string;
  type: OrganisationType;
  role: PartnerRole;
  programme: string | null;
}

export interface ActivityEntry extends Sourced {
  programme: string | null;
  number: number | null;
  title: string;
  category: ActivityCategory;
}

export interface TargetGroupEntry extends Sourced {
  programme: string | null;
  description: string;
  category: TargetGroupCategory;
}

export interface IndicatorEntry extends Sourced {
  code: string;
  value: number;
  qualifier: Qualifier;
  basis: Basis;
  asOf: string | null;
  breakdown: string | null;
  asPublished: string;
}
