import { parseContractNumber } from './contract-number';
import { Qualifier } from './enums';
import { toCents } from './money';
import { dateAgrees, dateText, readDates } from './quote-dates';
import { figureText, type ReadNumber, readNumbers } from './quote-numbers';

/**
 * Whether a statement's typed value is the value its quote states: the importer refuses a file where they
 * disagree (VALUE_NOT_IN_QUOTE), and the API says for every statement what was checked. Pure.
 *
 * - `agrees`: the quote states the value (and the hedge word before it, if any, agrees with the qualifier);
 * - `unread`: the quote states no figure the reader can read (a figure in words only, "четирима"), so the
 *   value is stored unchecked and the API says so;
 * - `disagrees`: the quote states other figures, or a hedge word that contradicts the qualifier; `says`
 *   tells what the quote states.
 */
export type Verdict =
  { status: 'agrees' } | { status: 'unread'; reason: string } | { status: 'disagrees'; reason: string };

const agrees: Verdict = { status: 'agrees' };

const list = (numbers: ReadNumber[]) => [...new Set(numbers.map((number) => figureText(number.hundredths)))].join(', ');

/** A hedge word before the figure must agree with the qualifier; an exact figure may have none. */
function hedgeVerdict(number: ReadNumber, qualifier: Qualifier): Verdict {
  if (!number.hedge) {
    // A ceiling or a lower bound is read from its word ("до", "над"); an approximation may be a rounded figure.
    if (qualifier === Qualifier.AT_MOST || qualifier === Qualifier.AT_LEAST) {
      return {
        status: 'disagrees',
        reason: `the qualifier is ${qualifier}, but no word before ${number.text.trim()} says so ("до", "над" …)`,
      };
    }
    return agrees;
  }
  if (number.hedge.qualifier === qualifier) return agrees;
  return {
    status: 'disagrees',
    reason: `the quote says "${number.hedge.word} ${number.text.trim()}" (${number.hedge.qualifier}), the qualifier is ${qualifier}`,
  };
}

/** An amount: one figure of the quote equals it (to the cent), in the currency written beside it if any. */
export function amountVerdict(
  entry: { amount: string; currency: string; qualifier: Qualifier },
  quote: string,
): Verdict {
  const numbers = readNumbers(quote);
  if (numbers.length === 0) return { status: 'unread', reason: 'the quote states no amount in figures' };
  const value = toCents(entry.amount);
  const same = numbers.filter((number) => number.hundredths === value);
  if (same.length === 0) {
    return { status: 'disagrees', reason: `the quote says ${list(numbers)}, the value is ${figureText(value)}` };
  }
  const number = same.find((candidate) => candidate.currency === null || candidate.currency === entry.currency);
  if (!number) {
    return {
      status: 'disagrees',
      reason: `the quote says ${same[0].text.trim()} ${same[0].currency}, the currency is ${entry.currency}`,
    };
  }
  return hedgeVerdict(number, entry.qualifier);
}

/** A count or other outcome figure (persons, events, items). */
export function countVerdict(entry: { value: number; qualifier: Qualifier }, quote: string): Verdict {
  const numbers = readNumbers(quote).filter((number) => number.currency === null);
  if (numbers.length === 0) {
    return { status: 'unread', reason: 'the quote states the figure in words, not in digits' };
  }
  const value = BigInt(Math.round(entry.value * 100));
  const number = numbers.find((candidate) => candidate.hundredths === value);
  if (!number)
    return { status: 'disagrees', reason: `the quote says ${list(numbers)}, the value is ${figureText(value)}` };
  return hedgeVerdict(number, entry.qualifier);
}

/** A duration in months. */
export function monthsVerdict(months: number, quote: string): Verdict {
  const numbers = readNumbers(quote).filter((number) => number.currency === null);
  if (numbers.length === 0) return { status: 'unread', reason: 'the quote states no number of months in digits' };
  if (numbers.some((number) => number.hundredths === BigInt(months) * 100n)) return agrees;
  return { status: 'disagrees', reason: `the quote says ${list(numbers)}, the value is ${months} months` };
}

/** A calendar date: one date of the quote agrees with it in every part it writes. */
export function dateVerdict(date: string, quote: string): Verdict {
  const dates = readDates(quote);
  if (dates.length === 0) return { status: 'unread', reason: 'the quote states no date the reader recognises' };
  if (dates.some((read) => dateAgrees(read, date))) return agrees;
  return {
    status: 'disagrees',
    reason: `the quote says ${dates.map(dateText).join(', ')}, the value is ${date}`,
  };
}

/** A contract or registration number: the quote normalises to it (look-alike letters, dropped zeros, spaces). */
export function numberVerdict(value: string, quote: string, kind: 'contract' | 'registration'): Verdict {
  const parsed = parseContractNumber(quote.trim());
  if (!parsed) return { status: 'disagrees', reason: `"${quote}" is not a number of procedure BG05M9OP001-2.056` };
  const read = kind === 'contract' ? parsed.canonical : parsed.registrationNumber;
  return read === value ? agrees : { status: 'disagrees', reason: `the quote says ${read}, the value is ${value}` };
}

/** A procedure citation must name the procedure: its code (in any spelling) or its name. */
export function procedureVerdict(quote: string): Verdict {
  const text = quote.toLowerCase().replace(/\s+/g, ' ');
  if (
    /2\.056/.test(text) ||
    /интеграция на уязвими групи/.test(text) ||
    /integration of vulnerable groups/.test(text)
  ) {
    return agrees;
  }
  return { status: 'disagrees', reason: 'the quote names neither procedure BG05M9OP001-2.056 nor its name' };
}
