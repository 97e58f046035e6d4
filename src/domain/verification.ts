import type { Qualifier } from './enums';
import {
  amountVerdict,
  countVerdict,
  dateVerdict,
  monthsVerdict,
  numberVerdict,
  procedureVerdict,
  type Verdict,
} from './value-in-quote';

/**
 * What was checked of a sourced statement, as the API shows it: whether its quote is in the text the hub
 * holds of its source, and whether the value typed beside the quote is the value the quote states. The
 * importer refuses a quote missing from its source's text and a value its quote contradicts, so a stored
 * statement's checks pass or could not be made; `note` says why one could not.
 */
export interface Verification {
  /** True: the quote is in the source's text. Null: the statement quotes nothing, or the hub holds no text of the source. */
  quoteInSource: boolean | null;
  /** True: the quote states the value; false: it states another; null: not applicable (the quote is the value) or unread. */
  valueInQuote: boolean | null;
  /** Why a check is null, in English; null when every applicable check passed. */
  note: string | null;
  /** Every applicable check passed: the value shown is the value the page states. */
  verified: boolean;
}

/** The value a statement types beside its quote, by kind. `text`: the quote is the value (a title, a name). */
export type CheckedValue =
  | { kind: 'amount'; amount: string; currency: string; qualifier: Qualifier }
  | { kind: 'count'; value: number; qualifier: Qualifier }
  | { kind: 'date'; date: string }
  | { kind: 'months'; months: number }
  | { kind: 'contract'; number: string }
  | { kind: 'registration'; number: string }
  | { kind: 'procedure' }
  | { kind: 'text' };

/** The verdict of a value against its quote; null for a statement whose quote is its value. */
export function valueVerdict(value: CheckedValue, quote: string): Verdict | null {
  switch (value.kind) {
    case 'amount':
      return amountVerdict(value, quote);
    case 'count':
      return countVerdict(value, quote);
    case 'date':
      return dateVerdict(value.date, quote);
    case 'months':
      return monthsVerdict(value.months, quote);
    case 'contract':
      return numberVerdict(value.number, quote, 'contract');
    case 'registration':
      return numberVerdict(value.number, quote, 'registration');
    case 'procedure':
      return procedureVerdict(quote);
    case 'text':
      return null;
  }
}

export function verify(quote: string | null | undefined, value: CheckedValue, sourceHasText: boolean): Verification {
  if (!quote) {
    return { quoteInSource: null, valueInQuote: null, note: 'the statement quotes nothing', verified: false };
  }
  const verdict = valueVerdict(value, quote);
  const valueInQuote = verdict === null || verdict.status === 'unread' ? null : verdict.status === 'agrees';
  const notes = [
    ...(sourceHasText ? [] : ['the hub holds no text of the source, so the quote could not be found in it']),
    ...(verdict?.status === 'unread' ? [`the value is not checked: ${verdict.reason}`] : []),
    ...(verdict?.status === 'disagrees' ? [`the value disagrees with the quote: ${verdict.reason}`] : []),
  ];
  return {
    quoteInSource: sourceHasText ? true : null,
    valueInQuote,
    note: notes.length ? notes.join('; ') : null,
    verified: sourceHasText && (verdict === null || verdict.status === 'agrees'),
  };
}
