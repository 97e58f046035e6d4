import { DOMAIN_LABELS, type Label, PROGRAMME } from '../../src/domain/labels';
import { COMPARISON_LABELS, METRIC_FORMULA } from '../../src/modules/comparison/labels';
import { MODULE_LABELS } from '../../src/modules/labels';
import { lang } from './i18n';

/**
 * Every code the API returns, in the reader's language: the labels are kept beside the enums they name
 * (src/domain/labels.ts, src/modules/comparison/labels.ts, src/modules/labels.ts); a page shows a code
 * only through `label`, and the browser tests fail on any raw code left in a view.
 */
export const ENUM_LABELS: Readonly<Record<string, Readonly<Record<string, Label>>>> = {
  ...DOMAIN_LABELS,
  ...COMPARISON_LABELS,
  ...MODULE_LABELS,
};

export type EnumName = keyof typeof DOMAIN_LABELS | keyof typeof COMPARISON_LABELS | keyof typeof MODULE_LABELS;

const pick = (label: Label): string => label[lang() === 'en' ? 1 : 0];

/** A code in words; an unknown code (a newer API than this page) is shown as it is. */
export const label = (name: EnumName, code: string | null | undefined): string => {
  if (code === null || code === undefined) return '—';
  const found = ENUM_LABELS[name][code];
  return found ? pick(found) : code;
};

/** A metric's unit in words, with the currency of money units. */
export const unitLabel = (unit: string, currency: string): string => label('MetricUnit', unit).replace('{c}', currency);

/** A programme by code: ОП РЧР / OP HRD; no programme → the given fallback. */
export const programmeLabel = (code: string | null | undefined, none: string): string =>
  code && PROGRAMME[code] ? pick(PROGRAMME[code]) : (code ?? none);

/** Names for codes beyond the enums (metric keys), in English: see `humanize`. */
const codeNames = new Map<string, string>();
export const nameCodes = (entries: [string, string][]): void =>
  entries.forEach(([code, name]) => codeNames.set(code, name));

/**
 * An English sentence of the API (a caveat's or flag's detail) with the codes it names in words: "no
 * achieved figure for PERSONS_EMPLOYED" → "… for Persons employed". Codes it does not know stay.
 */
export function humanize(text: string): string {
  return text.replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[A-Z]{4,}\b|\bBG05M[29]OP001\b(?!-)/g, (code) => {
    if (codeNames.has(code)) return codeNames.get(code)!;
    if (PROGRAMME[code]) return PROGRAMME[code][1];
    for (const labels of Object.values(ENUM_LABELS)) if (labels[code]) return labels[code][1];
    return code;
  });
}

/** A metric's numerator and denominator in words. */
export const formula = (metric: string): { numerator: string; denominator: string | null } => {
  const found = METRIC_FORMULA[metric as keyof typeof METRIC_FORMULA];
  if (!found) return { numerator: metric, denominator: null };
  return { numerator: pick(found.numerator), denominator: found.denominator ? pick(found.denominator) : null };
};
