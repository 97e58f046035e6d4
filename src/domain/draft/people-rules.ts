import { Qualifier } from '../enums';
import { readNumbers } from '../quote-numbers';
import type { Span } from './sentences';
import {
  type Basis,
  type Draftable,
  type ExtractOptions,
  type PartnerType,
  namedProgramme,
  type Programme,
  type ProposalFlag,
  type Proposed,
  spanIn,
} from './types';

/** Rules for whom: counts of people (indicator, basis from tense) and partner organisations. Pure. */

/**
 * The indicator a count is of: the noun right after the figure first ("13 групи", "50 лаптопа"), then the
 * clause's own words ("трудова заетост … за 92 лица"); a general noun ("лица", "участници") last, flagged.
 */
const THINGS: [RegExp, string][] = [
  [/медиатор|mediators/iu, 'COMMUNITY_MEDIATORS'],
  [/(?:временни\s+)?работни\s+места|temporary\s+jobs/iu, 'TEMPORARY_JOBS'],
  [/трудов\p{L}*\s+борс|job\s+fairs?/iu, 'JOB_FAIRS'],
  [/обществен\p{L}*\s+дискуси|public\s+discussions?/iu, 'PUBLIC_DISCUSSIONS'],
  [/културн\p{L}*\s+(?:събити|мероприяти)|cultural\s+events?/iu, 'CULTURAL_EVENTS'],
  [
    /(?:лаптоп|компютър|компютри|таблет|дъск|проектор|телевизор|принтер|laptops?|computers?|tablets?)/iu,
    'EQUIPMENT_ITEMS',
  ],
  [/семейни\s+къщи|family\s+houses/iu, 'FAMILY_HOUSES'],
  [/(?:групи|groups)/iu, 'LEARNING_GROUPS'],
  [/(?:клуб|clubs?)/iu, 'CHILDREN_CLUBS'],
];
/** What the people of a count do, from the clause: it says more than the noun ("308 деца … кариерно ориентиране"). */
const ACTIVITIES: [RegExp, string][] = [
  [/кариерно\s+ориентиране|career\s+guidance/iu, 'CAREER_GUIDANCE_PARTICIPANTS'],
  [/застъпничеств|advocacy/iu, 'ADVOCACY_PERSONS'],
  [/(?:назнач|нает|наети|заети|заетост|на\s+работа|employ|jobs?(?!\p{L}))/iu, 'PERSONS_EMPLOYED'],
];
const CHILDREN = /(?:деца|ученици|children|pupils)/iu;
/** A clause that counts part of the previous figure ("в т.ч. 6 лица към общинска администрация"). */
const PART_OF = /^\s*(?:в\s+т\.\s?ч\.|от\s+тях|от\s+които|including|of\s+whom)/iu;

/** The nouns a count may be of, right after its figure (two words between at most). */
const NOUN =
  /^\s*(?:[\p{L}-]+\s+){0,2}?(медиатор\p{L}*|деца|ученици|родители|майки|лица|души|хора|потребители|участници|представители|безработни|младежи|семейни\s+къщи|\p{L}*работни\s+места|групи|клуба?|клубове|лаптоп\p{L}*|компют\p{L}*|таблет\p{L}*|дъски|\p{L}*проектор\p{L}*|телевизор\p{L}*|дискусии|събития|борси|children|pupils|parents|mothers|people|persons|participants|users|mediators|jobs|groups|laptops|women|men)(?!\p{L})/iu;
const PLANNED_WORDS =
  /(?:(?<!\p{L})ще\s+(?:\p{L}+\s+)?(?:бъд|се|получ|има|обхван|назнач|включ|участв|осигур|разкри|формир|създад)|предвижда|планира|заложен|очаква|цел(?:та)?\s+е|will\s+be|will\s+\p{L}+|planned|expected|target|helping|to\s+(?:help|integrate|reach))/iu;
const ACHIEVED_WORDS =
  /(?:вече|до\s+момента|(?<!\p{L})(?:са|е|бяха|беше|бе)\s+(?:бил[иао]?\s+)?(?:\p{L}+\s+)?\p{L}+(?:ни|ли|ти|на|но|ла|ло|та|то|н|л|т)(?!\p{L})|(?<!\p{L})\p{L}+(?:ни|ти)\s+са(?!\p{L})|обхвана(?:ха)?|включи(?:ха)?|назначи(?:ха)?|постигна|реализира|проведе|сформира|участваха|получиха|преминаха|have\s+been|has\s+been|were|was|are\s+\p{L}+ed|already|reached|completed)/iu;

/** Counts: a figure without a currency followed by whom (or what) it counts; basis from tense, "вече" dated. */
export function counts(sentence: Span, options: ExtractOptions, context = ''): Draftable[] {
  const found: Draftable[] = [];
  let previous: string | null = null;
  const figures = readNumbers(sentence.text).filter((figure) => figure.currency === null);
  for (const figure of figures) {
    if (figure.hundredths % 100n !== 0n || figure.hundredths === 0n) continue;
    // A breakdown after a slash ("15 persons /10 men and 5 women") is part of the figure before it.
    if (/\/\s*$/u.test(sentence.text.slice(0, figure.start))) continue;
    const after = sentence.text.slice(figure.end, figure.end + 60);
    const noun = NOUN.exec(after);
    if (!noun) continue;
    if (/месец|година|дни|часа|months|years|days/iu.test(after.slice(0, noun.index))) continue;
    const clauseStart = clauseBoundary(sentence.text, figure.start, -1);
    const clauseEnd = clauseBoundary(sentence.text, figure.end, 1);
    const clause = sentence.text.slice(clauseStart, clauseEnd);
    const nounText = noun[1];
    const thing = THINGS.find(([pattern]) => pattern.test(noun[0]));
    const activity = ACTIVITIES.find(([pattern]) => pattern.test(clause));
    const general = !thing && !activity && !CHILDREN.test(nounText);
    const code: string = thing
      ? thing[1]
      : activity
        ? activity[1]
        : CHILDREN.test(nounText)
          ? 'CHILDREN_REACHED'
          : PART_OF.test(clause) && previous
            ? previous
            : 'PEOPLE_REACHED';
    if (!general || !PART_OF.test(clause)) previous = code;
    // The tense of the clause, else of its sentence, else of the line before (a list under "бяха осигурени:").
    const tensed =
      [clause, sentence.text, context].find((text) => PLANNED_WORDS.test(text) || ACHIEVED_WORDS.test(text)) ?? '';
    const planned = PLANNED_WORDS.test(tensed);
    const achieved = ACHIEVED_WORDS.test(tensed);
    const basis: Basis = achieved && !planned ? 'ACHIEVED' : 'PLANNED';
    const flags: ProposalFlag[] = [];
    if (planned === achieved) flags.push('BASIS_UNCERTAIN');
    if (general && code === 'PEOPLE_REACHED') flags.push('INDICATOR_UNCERTAIN');
    const already = /вече|до\s+момента|already|so\s+far/iu.test(clause) && basis === 'ACHIEVED';
    found.push({
      proposed: {
        kind: 'count',
        code,
        value: Number(figure.hundredths / 100n),
        qualifier: figure.hedge?.qualifier ?? Qualifier.EXACT,
        basis,
        asOf: already ? (options.publishedOn ?? null) : null,
        asPublished: clause.trim(),
      },
      quote: spanIn(
        sentence,
        clauseStart + (clause.length - clause.trimStart().length),
        clauseEnd - (clause.length - clause.trimEnd().length),
      ),
      sentence,
      flags,
    });
  }
  return found;
}

/** Where the clause around `at` ends (a comma, semicolon or colon, a dash between spaces, the sentence's end). */
function clauseBoundary(text: string, at: number, direction: 1 | -1): number {
  const stops = /[,;:]|\s[–-]\s|\(|\)/gu;
  if (direction === 1) {
    stops.lastIndex = at;
    const next = stops.exec(text);
    return next ? next.index : text.length;
  }
  let last = 0;
  for (let match = stops.exec(text); match && match.index < at; match = stops.exec(text))
    last = match.index + match[0].length;
  return last;
}

/** The kinds of organisation names: the word before the quoted name says what it is. */
const ORGANISATIONS: [RegExp, PartnerType][] = [
  [/(?:Сдружение|Фондация|СНЦ|Асоциация|Association|Foundation|NGO)/iu, 'NGO'],
  [/(?:ДГ|ЦДГ|ОДЗ|Детска\s+градина|kindergarten)/iu, 'KINDERGARTEN'],
  [
    /(?:ОУ|СУ|НУ|ОбУ|ПГ\p{L}*|СОУ|ПМГ|ЕГ|[О0]сновно\s+училище|Средно\s+училище|Професионална\s+гимназия|училище|school)/iu,
    'SCHOOL',
  ],
  [/(?:Общинско\s+предприятие|ОП)/iu, 'MUNICIPAL_ENTERPRISE'],
  [/Министерств/iu, 'MINISTRY'],
  [/(?:ЕООД|ООД|АД|ЕТ)/u, 'COMPANY'],
  [/(?:Дирекция|Агенция|Бюро\s+по\s+труда|Регионално\s+управление|инспекция|УМБАЛ|МБАЛ)/iu, 'STATE_AGENCY'],
];
/** What an organisation's name starts with: an ordinal ("Трето", "VI", "I-ро"), its kind, a number ("№ 21"). */
const ORGANISATION_KIND =
  '((?:(?:[IVX]{1,4}|\\d{1,2})(?:-?(?:ро|во|то|мо))?\\s+|(?:Първо|Второ|Трето|Четвърто|Пето|Шесто|Седмо|Осмо|Девето|Десето)\\s+)?' +
  '(?:Сдружение(?:то)?|Фондация(?:та)?|СНЦ|Асоциация|ДГ|ЦДГ|ОДЗ|Детска\\s+градина|ОУ|СУ|НУ|ОбУ|СОУ|ПГ\\p{L}*|ПМГ|[О0]сновно\\s+училище|' +
  'Средно\\s+училище|Професионална\\s+гимназия(?:\\s+по\\s+[\\p{L}\\s]{3,80}?)?|Общинско\\s+предприятие|ОП|УМБАЛ|МБАЛ|Association|Foundation)' +
  '(?:\\s*№\\s*\\d{1,3}|\\s+\\d{1,3})?)';
/** A kind and its quoted name: up to the closing quote, or, without one, up to a comma, semicolon or "и". */
const ORGANISATION_NAME = new RegExp(
  `${ORGANISATION_KIND}\\s*[„"«“]\\s*(?:([^„“”"«»,]{2,120}?)\\s*[“”"»]|([^„“”"«»,;]{2,120}?)(?=\\s*(?:[,;.]|\\s+и\\s|$)))`,
  'giu',
);
/** State bodies named without quotes. */
const STATE_BODIES =
  /(?:Агенция(?:та)?\s+по\s+заетостта|Агенция(?:та)?\s+за\s+социално\s+подпомагане|Регионалн\p{L}*\s+здравн\p{L}*\s+инспекци\p{L}*|Министерство(?:то)?\s+на\s+(?:образованието\s+и\s+науката|труда\s+и\s+социалната\s+политика|здравеопазването|културата)|Бюро(?:то)?\s+по\s+труда)/giu;
type PartnerDraft = Draftable & { proposed: Extract<Proposed, { kind: 'partner' }> };

/** A programme is not a partner ("ОП „Развитие на човешките ресурси“"). */
const PROGRAMME_NAME = /човешките\s+ресурси|интелигентен\s+растеж|региони\s+в\s+растеж|добро\s+управление/iu;

/**
 * Partners: organisation names in a sentence that speaks of partners, and in the lines of a list that
 * follows one ("Партньори:" and a school per line), while each line names an organisation.
 */
export function partners(all: Span[]): Draftable[] {
  const found: Draftable[] = [];
  let listing = 0;
  let heading = { role: 'PARTNER' as 'PARTNER' | 'ASSOCIATED_PARTNER', programme: null as Programme | null };
  for (const sentence of all) {
    const speaks = /партньор|партнираща|в\s+партньорство|partner/iu.test(sentence.text);
    // A list's numbers ("1.") and bullets neither name nor end it.
    if (!speaks && sentence.text.length <= 4) continue;
    const names = organisationNames(sentence);
    const programme = namedProgramme(sentence.text);
    // A heading inside the list ("За дейностите по ОП НОИР:") keeps it going, for that programme.
    if (!speaks && listing > 0 && names.length === 0 && sentence.text.endsWith(':')) {
      if (programme) heading = { ...heading, programme };
      continue;
    }
    if (speaks) {
      listing = 15;
      // "Асоциирани партньори по ОП РЧР:": the role and the programme of the list below.
      heading = {
        role: /асоциира|associated/iu.test(sentence.text) ? 'ASSOCIATED_PARTNER' : 'PARTNER',
        programme: programme ?? (sentence.text.endsWith(':') ? heading.programme : null),
      };
    } else if (listing > 0 && names.length > 0) listing -= 1;
    else listing = 0;
    if (speaks || listing > 0)
      found.push(...names.map((name) => ({ ...name, proposed: { ...name.proposed, ...heading } })));
  }
  return found;
}

function organisationNames(sentence: Span): PartnerDraft[] {
  const found: PartnerDraft[] = [];
  for (const match of sentence.text.matchAll(ORGANISATION_NAME)) {
    const kind = match[1].replace(/\s+/g, ' ').trim();
    const name = (match[2] ?? match[3]).replace(/\s+/g, ' ').trim();
    if (PROGRAMME_NAME.test(name)) continue;
    const end = match.index + match[0].trimEnd().length;
    found.push(partner(sentence, `${kind} „${name}“`, kindType(kind), match.index, end));
  }
  for (const match of sentence.text.matchAll(STATE_BODIES))
    found.push(partner(sentence, match[0], kindType(match[0]), match.index, match.index + match[0].length));
  return found;
}

/** The type an organisation's kind word says (whole words only: "ЕГ" is not in "Регионална"). */
const kindType = (kind: string): PartnerType =>
  ORGANISATIONS.find(([pattern]) => new RegExp(`(?<!\\p{L})(?:${pattern.source})(?!\\p{L})`, 'iu').test(kind))?.[1] ??
  'OTHER';

function partner(sentence: Span, name: string, type: PartnerType, start: number, end: number): PartnerDraft {
  const quote = spanIn(sentence, start, end);
  return {
    proposed: { kind: 'partner', name, type, role: 'PARTNER', programme: null, asPublished: quote.text },
    quote,
    sentence,
    flags: [],
  };
}
