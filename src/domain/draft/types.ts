import { Qualifier } from '../enums';
import type { Span } from './sentences';

export type Programme = 'BG05M9OP001' | 'BG05M2OP001';

/**
 * The programme a text names in any of its forms ("ОП РЧР", "„Развитие на човешките ресурси“"; "ОП НОИР",
 * "… за интелигентен растеж"), OP HRD first when it names both; null when it names neither.
 */
export function namedProgramme(text: string): Programme | null {
  if (/РЧР|човешките\s+ресурси/iu.test(text)) return 'BG05M9OP001';
  if (/НОИР|интелигентен\s+растеж/iu.test(text)) return 'BG05M2OP001';
  return null;
}
export type Basis = 'PLANNED' | 'ACHIEVED';

/** What a proposal would write into the project file (the import format's statement, without its source). */
export type Proposed =
  | { kind: 'title'; value: string }
  | { kind: 'procedure'; quote: string }
  | { kind: 'registration'; value: string; asPublished: string }
  | { kind: 'contract'; programme: Programme; number: string; asPublished: string }
  | {
      kind: 'amount';
      programme: Programme | null;
      fundingKind: 'TOTAL' | 'EU' | 'NATIONAL';
      amount: string;
      currency: 'BGN' | 'EUR';
      qualifier: Qualifier;
      asPublished: string;
    }
  | { kind: 'date'; field: 'START_DATE' | 'END_DATE'; date: string; asPublished: string }
  | { kind: 'duration'; months: number; asPublished: string }
  | {
      kind: 'count';
      code: string;
      value: number;
      qualifier: Qualifier;
      basis: Basis;
      asOf: string | null;
      asPublished: string;
    }
  | {
      kind: 'partner';
      name: string;
      type: PartnerType;
      role: 'PARTNER' | 'ASSOCIATED_PARTNER';
      programme: Programme | null;
      asPublished: string;
    };

export type ProposalKind = Proposed['kind'];

export type PartnerType =
  'SCHOOL' | 'KINDERGARTEN' | 'NGO' | 'MUNICIPAL_ENTERPRISE' | 'STATE_AGENCY' | 'MINISTRY' | 'COMPANY' | 'OTHER';

/** Why a proposal needs the editor's eye. */
export type ProposalFlag =
  /** Another proposal of the same field says otherwise (two end dates, two titles). */
  | 'CONFLICTING'
  /** The tense says neither plan nor result: PLANNED is proposed, the editor decides. */
  | 'BASIS_UNCERTAIN'
  /** The indicator is a guess from the noun (PEOPLE_REACHED for "лица", "потребители"). */
  | 'INDICATOR_UNCERTAIN'
  /** A date that names no year ("от 1 август"): the year is the publication's. */
  | 'YEAR_ASSUMED';

export interface Proposal {
  /** `<kind>-<n>`, in the order of the text. */
  id: string;
  proposed: Proposed;
  /** The span the value is read from (an amount with its currency and hedge word, a date, a name). */
  quote: Span;
  /** The sentence around it. */
  sentence: Span;
  flags: ProposalFlag[];
}

/** A field of the project file the text does not state, as a candidate `missing` entry. */
export interface MissingField {
  field: string;
  reason: string;
}

export interface Extraction {
  proposals: Proposal[];
  missing: MissingField[];
}

export interface ExtractOptions {
  /** The publication date (`YYYY-MM-DD`): the `asOf` of "вече" ("already") figures, the year of dates without one. */
  publishedOn?: string | null;
}

/** A proposal before it is numbered. */
export type Draftable = Omit<Proposal, 'id'>;

/** The span of `part` inside a sentence, by its offsets in the sentence. */
export const spanIn = (sentence: Span, start: number, end: number): Span => ({
  start: sentence.start + start,
  end: sentence.start + end,
  text: sentence.text.slice(start, end),
});

export const sentenceAt = (all: Span[], offset: number): Span =>
  all.find((sentence) => sentence.start <= offset && offset < sentence.end) ?? { start: offset, end: offset, text: '' };

export type { Qualifier, Span };
