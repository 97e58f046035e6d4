import { parseContractNumber } from '../contract-number';
import { Qualifier } from '../enums';
import { hundredthsText, readNumbers } from '../quote-numbers';
import { procedureVerdict } from '../value-in-quote';
import type { Span } from './sentences';
import { type Draftable, type Programme, sentenceAt, spanIn } from './types';

/** Rules for what a text states by numbers and names: titles, the procedure, contract numbers, amounts. Pure. */

const HRD = /Развитие\s+на\s+човешките\s+ресурси|ОП\s*РЧР|ОПРЧР|Human\s+Resources\s+Development/giu;
const SESG =
  /Наука\s+и\s+образование\s+за\s+интелигентен\s+растеж|ОП\s*НОИР|ОПНОИР|Science\s+and\s+Education\s+for\s+Smart\s+Growth/giu;
const BOTH = /(?:две(?:те)?|двете)\s+(?:оперативни\s+)?програми|two\s+(?:operational\s+)?programmes/giu;
/** Contract and registration numbers in any spelling: Cyrillic look-alikes, spaces, a zero for O. */
export const NUMBER =
  /B\s?G\s?0\s?5\s?[MМ]\s?9\s?[OО0]\s?[PР]\s?0\s?0\s?1\s?[-–]\s?2\s?\.\s?0\s?5\s?6\s?[-–]\s?\d{1,4}(?:\s?[-–]\s?(?:2\s?0\s?1\s?4\s?)?B\s?G\s?0\s?5\s?[MМ]\s?2\s?[OО0]\s?[PР]\s?0\s?0\s?1)?(?:\s?[-–]\s?[CС]\s?0\s?1)?/gu;

/** The quoted name after "проект" („…“, "…", «…»): the project's title as published. */
export function titles(text: string, all: Span[]): Draftable[] {
  const found: Draftable[] = [];
  const pattern =
    /(?:проект(?:а|ът)?|project)\s*(?:№\s*\S+\s*)?[:–-]?\s*(?:с\s+наименование\s*|със\s+заглавие\s*|titled\s*)?[„"«“]\s*([^„“”"«»]{12,300}?)\s*[“”"»]/giu;
  for (const match of text.matchAll(pattern)) {
    const value = match[1].replace(/\s+/g, ' ').trim();
    // A procedure's name is not a project title unless the project bears it ("… в община Велинград").
    const start = match.index + match[0].indexOf(match[1]);
    found.push({
      proposed: { kind: 'title', value },
      quote: { start, end: start + match[1].length, text: match[1] },
      sentence: sentenceAt(all, start),
      flags: [],
    });
  }
  return found;
}

/** Sentences naming the procedure (its code or its name): procedure citations. */
export function procedures(all: Span[]): Draftable[] {
  return all
    .filter((sentence) => procedureVerdict(sentence.text).status === 'agrees')
    .slice(0, 2)
    .map((sentence) => ({
      proposed: { kind: 'procedure', quote: sentence.text },
      quote: sentence,
      sentence,
      flags: [],
    }));
}

export interface FoundNumber extends Span {
  parsed: ReturnType<typeof parseContractNumber>;
}

/** Contract numbers (with their programme) and registration numbers. */
export function contractNumbers(numbers: FoundNumber[], all: Span[]): Draftable[] {
  const found: Draftable[] = [];
  for (const number of numbers) {
    const { parsed } = number;
    if (!parsed) continue;
    const sentence = sentenceAt(all, number.start);
    const asPublished = number.text.trim();
    found.push({
      proposed: { kind: 'registration', value: parsed.registrationNumber, asPublished },
      quote: number,
      sentence,
      flags: [],
    });
    if (parsed.programmeCode)
      found.push({
        proposed: {
          kind: 'contract',
          programme: parsed.programmeCode as Programme,
          number: parsed.canonical,
          asPublished,
        },
        quote: number,
        sentence,
        flags: [],
      });
  }
  return found;
}

export interface Mention {
  at: number;
  programme: Programme | null;
}

/** Where a sentence names a programme (or both), by name, abbreviation or a contract number. */
export function programmeMentions(sentence: Span, numbers: FoundNumber[]): Mention[] {
  const mentions: Mention[] = [];
  for (const match of sentence.text.matchAll(HRD)) mentions.push({ at: match.index, programme: 'BG05M9OP001' });
  for (const match of sentence.text.matchAll(SESG)) mentions.push({ at: match.index, programme: 'BG05M2OP001' });
  for (const match of sentence.text.matchAll(BOTH)) mentions.push({ at: match.index, programme: null });
  for (const number of numbers)
    if (number.parsed?.programmeCode && number.start >= sentence.start && number.start < sentence.end)
      mentions.push({ at: number.start - sentence.start, programme: number.parsed.programmeCode as Programme });
  mentions.sort((a, b) => a.at - b.at);
  // "ОП РЧР и ОП НОИР предоставят …": both programmes named together speak for the project as a whole.
  return mentions.map((mention, index) => {
    const next = mentions[index + 1];
    const previous = mentions[index - 1];
    const joined = (a: Mention | undefined, b: Mention | undefined) =>
      a !== undefined &&
      b !== undefined &&
      a.programme !== b.programme &&
      /^\S*\s*(?:„[^“]*“\s*)?и\s+(?:по\s+)?$/u.test(
        sentence.text.slice(a.at, b.at).replace(/^\S+(?:\s+\S+){0,6}?\s+(?=и\s)/u, ''),
      );
    return joined(mention, next) || joined(previous, mention) ? { at: mention.at, programme: null } : mention;
  });
}

/**
 * The programme an amount at `at` belongs to: one named before it in the same clause ("по ОП РЧР е в размер на
 * 371 444.86 лв."), else one named right after it ("1 199 362,90 лв. по ОП РЧР"), else the last named before
 * it. A total of the project ("обща стойност", "общ бюджет") belongs to none unless its clause names one.
 */
function programmeOf(mentions: Mention[], at: number, sentence: string): Programme | null {
  const before = mentions.filter((mention) => mention.at < at);
  const last = before[before.length - 1];
  // A mention right after another amount ("1 183 459.15 лв. по ОП РЧР и 389 958.50 лв.") is that amount's.
  const claimed =
    last !== undefined &&
    /(?:лв\.?|лева|BGN|€|EUR|евро)\s*,?\s*по\s*(?:ОП\s*)?[„"“]?\s*$/iu.test(
      sentence.slice(Math.max(0, last.at - 25), last.at),
    );
  if (last && !claimed && !/[,;()]|\d\s*(?:лв|лева|BGN|€|EUR|евро)|от\s+които/iu.test(sentence.slice(last.at, at)))
    return last.programme;
  if (/(?:обща\s+стойност|общ(?:ият)?\s+бюджет|общо|в\s+общ\s+размер|total)[^.;]{0,40}$/iu.test(sentence.slice(0, at)))
    return null;
  const after = mentions.find((mention) => {
    const between = sentence.slice(at, mention.at);
    return (
      mention.at > at &&
      !/от\s+които/u.test(between) &&
      /^[^;(]{0,40}(?<!\p{L})по\s*(?:ОП\s*)?[„"“]?\s*$/u.test(between)
    );
  });
  if (after) return after.programme;
  return last ? last.programme : null;
}

const EU_WORDS =
  /Европейския\s+социален\s+фонд|ЕСФ|европейско\s+финансиране|Европейския\s+съюз|(?<!\p{L})ЕС(?!\p{L})|European\s+Social\s+Fund|\bESF\b|EU\s+(?:funding|contribution)/iu;
const NATIONAL_WORDS =
  /национално\s+(?:съ)?финансиране|национален\s+бюджет|националния\s+бюджет|републиканския\s+бюджет|национално\s+участие|national\s+(?:co-?)?financing|national\s+budget/iu;

/** A kind phrase right after a figure's currency: it belongs to that figure. */
const CLAIMED = new RegExp(
  `^\\s*(?:лв\\.?|лева|лев|BGN|€|EUR|евро)?\\s*(?:от\\s+)?(?:${EU_WORDS.source}|${NATIONAL_WORDS.source})`,
  'iu',
);

/** Amounts: figures with a currency, their programme, kind (EU, national, total) and qualifier (the hedge word). */
export function amounts(sentence: Span, mentions: Mention[], text: string): Draftable[] {
  const figures = readNumbers(sentence.text).filter((figure) => figure.currency !== null);
  return figures.map((figure, index) => {
    // What follows the figure, up to the next figure; after the sentence's last, to the end of its line (a
    // stop after "лв." may not end the statement: "175 353.12 лв. Национално финансиране").
    const next = figures[index + 1];
    const lineEnd = text.indexOf('\n', sentence.start + figure.end);
    const lineRest = text.slice(sentence.end, lineEnd < 0 ? text.length : lineEnd);
    const after = next
      ? sentence.text.slice(figure.end, Math.min(next.start, figure.end + 80))
      : sentence.text.slice(figure.end) + (lineRest.trim().length <= 40 ? lineRest : '');
    const previous = figures[index - 1]?.end ?? 0;
    // Words right after the previous figure are its own ("179 904,43 лв. национално финансиране) и 389 …").
    const before = sentence.text
      .slice(Math.max(previous, figure.start - 50), figure.start)
      .replace(previous > 0 && figure.start - previous <= 50 ? CLAIMED : /^$/, '');
    // Both funds named after it ("осигурено от ЕСФ и от Националния бюджет") say where the whole comes from.
    const fundingKind =
      EU_WORDS.test(after) && NATIONAL_WORDS.test(after)
        ? 'TOTAL'
        : EU_WORDS.test(after)
          ? 'EU'
          : NATIONAL_WORDS.test(after)
            ? 'NATIONAL'
            : EU_WORDS.test(before) && !/от\s+които/u.test(before)
              ? 'EU'
              : NATIONAL_WORDS.test(before)
                ? 'NATIONAL'
                : 'TOTAL';
    const start = figure.hedge ? sentence.text.lastIndexOf(figure.hedge.word, figure.start) : figure.start;
    const end = figure.end + currencyLength(sentence.text.slice(figure.end));
    return {
      proposed: {
        kind: 'amount',
        programme: programmeOf(mentions, figure.start, sentence.text),
        fundingKind,
        amount: hundredthsText(figure.hundredths),
        currency: figure.currency!,
        qualifier: figure.hedge?.qualifier ?? Qualifier.EXACT,
        asPublished: sentence.text.slice(start, end),
      },
      quote: spanIn(sentence, start, end),
      sentence,
      flags: [],
    };
  });
}

/** The currency word after a figure, with the space before it. */
function currencyLength(rest: string): number {
  return /^\s*(?:лв\.?|лева|лев|BGN|€|EUR|евро|euro|Bulgarian\s+lev)/iu.exec(rest)?.[0].length ?? 0;
}
