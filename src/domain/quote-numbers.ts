import { Qualifier } from './enums';

/**
 * Reads the numbers a published sentence states, in the forms the sources use: thousands separated by
 * spaces, dots, commas or nothing (`1 555 364,20`, `1 183 459.15`, `1,589,878.46`, `1 216 919`), a decimal
 * comma or point, a decimal part after a stray space (`1 589 860, 38`), scale words (`1,2 млн.`,
 * `1 милион 564 хиляди`, `над 1 милион и 600 хиляди`), a currency (`лв.`, `лева`, `BGN`, `€`, `EUR`,
 * `Euro`, `Bulgarian lev`), and the hedge word before a figure (`до`, `над`, `близо` …). Dates, percentages
 * and contract numbers are not figures and are skipped. A figure written in words only ("четирима") is not
 * read. Pure: text in, figures out.
 */

/** A figure read from a text: its exact value in hundredths, where it stands, and what surrounds it. */
export interface ReadNumber {
  /** The value × 100, exact (a count of 92 is 9200n). */
  hundredths: bigint;
  /** The figure as written. */
  text: string;
  start: number;
  end: number;
  /** The currency written beside it, if any. */
  currency: 'BGN' | 'EUR' | null;
  /** What the hedge word right before it means, and the word itself. */
  hedge: { qualifier: Qualifier; word: string } | null;
}

/** Hedge words, longest first, each with the qualifier it implies for the figure right after it. */
const HEDGES: [RegExp, Qualifier][] = [
  [/(?:в\s+(?:максимален\s+)?размер\s+)?до$/i, Qualifier.AT_MOST],
  [/(?:up\s+to|at\s+most|maximum(?:\s+of)?)$/i, Qualifier.AT_MOST],
  [/(?:над|повече\s+от|поне|най-малко|не\s+по-малко\s+от)$/i, Qualifier.AT_LEAST],
  [/(?:more\s+than|over|at\s+least)$/i, Qualifier.AT_LEAST],
  [/(?:близо|около|приблизително|почти)$/i, Qualifier.APPROXIMATE],
  [/(?:nearly|about|approximately|around|almost)$/i, Qualifier.APPROXIMATE],
];

/** Text that holds digits but no figure: dates, percentages, ordinals, contract and registration numbers, times. */
const NOT_FIGURES = [
  // A registration or contract number: the registration, the OP SESG part, the contract suffix (and no further).
  /BG\s?05\s?[MМ]\s?[29]\s?[OО0]\s?[PР]\s?0\s?0\s?1[-–\s]*2\.056(?:[-–\s]*\d{1,4})?(?:[-–\s]*(?:2\s?0\s?1\s?4\s?)?B\s?G\s?0\s?5\s?[MМ]\s?2\s?[OО0]\s?[PР]\s?0\s?0\s?1)?(?:[-–\s]*[CС]\s?0?\s?1)?/g,
  /\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?=\D|$)/g,
  /\b\d{1,2}\.\d{1,2}\.(?=\s|$)/g,
  /\b\d{1,3}(?:[.,]\d+)?\s?%/g,
  /\b\d{1,2}:\d{2}(?:\s?ч\.?)?/g,
  /\b\d+-(?:то|ти|ви|ри|ми|ма|та)(?!\p{L})/gu,
  /\b\d{4}\s?(?:г\.|год\.|година|годин)/g,
];

const SCALE_WORDS: [RegExp, bigint][] = [
  [/^(?:млрд\.?|милиард[аи]?|billion)(?!\p{L})/iu, 1_000_000_000n],
  [/^(?:млн\.?|милион[аи]?|million)(?!\p{L})/iu, 1_000_000n],
  [/^(?:хил\.|хиляди|хиляда|thousand)(?!\p{L})/iu, 1_000n],
];

const CURRENCIES: [RegExp, 'BGN' | 'EUR'][] = [
  [/^(?:лв\.?|лева|лев|BGN|Bulgarian\s+lev)(?!\p{L})/iu, 'BGN'],
  [/^(?:€|EUR|euro|евро)(?!\p{L})/iu, 'EUR'],
];

/** A number in any of the sources' spellings (one token: digits with separators), as hundredths. */
function parseNumeral(raw: string): bigint | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  // A decimal part: the last separator followed by exactly one or two digits ("1 589 860, 38" included).
  const decimal = /^(.*?)[.,]\s?(\d{1,2})$/.exec(text);
  let integer = text;
  let fraction = '';
  if (decimal && (/[\s.,]/.test(decimal[1]) || !/^\d{4,}$/.test(decimal[1]) || decimal[2].length === 2)) {
    // "1 555 364,20", "389,826.62", "1,6", "0.5"; but "1.183" keeps its dot as thousands (three digits).
    integer = decimal[1];
    fraction = decimal[2];
  }
  const digits = integer.replace(/[\s.,]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  // Groups after the first must be of three digits, whatever the separator.
  if (/[\s.,]/.test(integer) && !/^\d{1,3}(?:[\s.,]\d{3})+$/.test(integer)) return null;
  return BigInt(digits) * 100n + BigInt(fraction.padEnd(2, '0') || '0');
}

/** Every figure of `text`, in order. */
export function readNumbers(text: string): ReadNumber[] {
  const source = text.replace(/[\u00a0\u202f]/g, ' ');
  let masked = source;
  for (const pattern of NOT_FIGURES) masked = masked.replace(pattern, (found) => ' '.repeat(found.length));
  const found: ReadNumber[] = [];
  // A numeral: digits, groups of three after a space, dot or comma, and a decimal part.
  const NUMERAL = /\d{1,3}(?:(?:[ .,]|,\s)\d{3})+(?:[.,]\s?\d{1,2})?(?!\d)|\d+(?:[.,]\s?\d{1,2})?(?!\d)/g;
  for (let match = NUMERAL.exec(masked); match; match = NUMERAL.exec(masked)) {
    const value = parseNumeral(match[0]);
    if (value === null) continue;
    let end = match.index + match[0].length;
    let hundredths = value;
    // Scale words ("1,2 млн.", "1 милион 564 хиляди", "1 милион и 600 хиляди").
    const scaled = readScale(masked, end, hundredths);
    hundredths = scaled.hundredths;
    end = scaled.end;
    const after = masked.slice(end).match(/^\s*/)![0].length;
    const currency = CURRENCIES.find(([pattern]) => pattern.test(masked.slice(end + after)));
    const before = masked.slice(0, match.index).replace(/[\s:]+$/, '');
    const hedge = HEDGES.find(([pattern]) => pattern.test(before));
    const hedgeWord = hedge ? hedge[0].exec(before)![0] : '';
    found.push({
      hundredths,
      text: source.slice(match.index, end),
      start: match.index,
      end,
      currency: currency ? currency[1] : null,
      hedge:
        hedge && /(^|[\s(„"«/])$/.test(before.slice(0, before.length - hedgeWord.length))
          ? { qualifier: hedge[1], word: hedgeWord }
          : null,
    });
    NUMERAL.lastIndex = end;
  }
  return found;
}

/** A scale word after a figure, and a further "and N thousand" part: the figure scaled, and where it ends. */
function readScale(text: string, from: number, hundredths: bigint): { hundredths: bigint; end: number } {
  const rest = text.slice(from);
  const space = rest.match(/^\s*/)![0].length;
  const scale = SCALE_WORDS.find(([pattern]) => pattern.test(rest.slice(space)));
  if (!scale) return { hundredths, end: from };
  const word = scale[0].exec(rest.slice(space))![0];
  let total = hundredths * scale[1];
  let end = from + space + word.length;
  // "1 милион 564 хиляди", "1 милион и 600 хиляди": the smaller part added.
  const more = /^\s+(?:и\s+)?(\d{1,3})\s+(хиляди|хил\.|thousand)/i.exec(text.slice(end));
  if (more && scale[1] === 1_000_000n) {
    total += BigInt(more[1]) * 1_000n * 100n;
    end += more[0].length;
  }
  return { hundredths: total, end };
}

/** Hundredths as a decimal string with two places ("92.00"). */
export function hundredthsText(value: bigint): string {
  return `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
}

/** A figure for a message: 1169020.81 → "1 169 020.81", 25.00 → "25". */
export function figureText(value: bigint): string {
  const whole = (value / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const cents = value % 100n;
  return cents === 0n ? whole : `${whole}.${cents.toString().padStart(2, '0')}`;
}
