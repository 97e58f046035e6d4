/**
 * Reads the dates a published sentence states, as the sources write them: `16.08.2021 г.`, `30.06.2023г.`,
 * `25.09.23г.`, `1 October 2021`, `16 Aug, 2021`, `3 December 2021`, `1 октомври 2021 г.`, `5 augusztus 2021`,
 * a day and month without the year (`1.08.`, `От 1 август`), and a month with its year (`до края на месец юни
 * 2023`). Pure: text in, dates out.
 */

/** A date read from a text: its year (null when not written), month and day (null for a whole month). */
export interface ReadDate {
  year: number | null;
  month: number;
  day: number | null;
  text: string;
}

/** Month names (and their usual abbreviations) in the languages of the sources: Bulgarian, English, Hungarian, and more. */
const MONTHS: [RegExp, number][] = [
  [/^(?:януари|january|jan\.?|január|janvier|gennaio|stycznia|janeiro)$/i, 1],
  [/^(?:февруари|february|feb\.?|február|février|febbraio|lutego|fevereiro)$/i, 2],
  [/^(?:март|march|mar\.?|március|mars|marzo|marca|março)$/i, 3],
  [/^(?:април|april|apr\.?|április|avril|aprile|kwietnia|abril)$/i, 4],
  [/^(?:май|may|május|mai|maggio|maja|maio)$/i, 5],
  [/^(?:юни|june|jun\.?|június|juin|giugno|czerwca|junho)$/i, 6],
  [/^(?:юли|july|jul\.?|július|juillet|luglio|lipca|julho)$/i, 7],
  [/^(?:август|august|aug\.?|augusztus|août|agosto|sierpnia)$/i, 8],
  [/^(?:септември|september|sep\.?|sept\.?|szeptember|septembre|settembre|września|setembro)$/i, 9],
  [/^(?:октомври|october|oct\.?|október|octobre|ottobre|października|outubro)$/i, 10],
  [/^(?:ноември|november|nov\.?|november|novembre|listopada|novembro)$/i, 11],
  [/^(?:декември|december|dec\.?|december|décembre|dicembre|grudnia|dezembro)$/i, 12],
];

const WORD = '[A-Za-zА-Яа-яÀ-ž]+\\.?';

function monthOf(word: string): number | null {
  return MONTHS.find(([pattern]) => pattern.test(word))?.[1] ?? null;
}

const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/** A date read, and where its text starts in the text read. */
export type PlacedDate = ReadDate & { start: number };

/** Every date of `text`, in order. */
export function readDates(text: string): ReadDate[] {
  return placedDates(text).map(({ start: _start, ...date }) => date);
}

/** Every date of `text`, in order, each with where it stands. */
export function placedDates(text: string): PlacedDate[] {
  const source = text.replace(/[\u00a0\u202f]/g, ' ');
  const found: { at: number; date: ReadDate }[] = [];
  const taken: [number, number][] = [];
  const add = (at: number, length: number, date: ReadDate) => {
    if (taken.some(([start, end]) => at < end && at + length > start)) return;
    taken.push([at, at + length]);
    found.push({ at, date });
  };
  const patterns: [RegExp, (match: RegExpExecArray) => ReadDate | null][] = [
    // 16.08.2021, 30.06.2023г., 25.09.23г.
    [
      /\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)/g,
      (m) => ({ year: fullYear(m[3]), month: +m[2], day: +m[1], text: m[0] }),
    ],
    // 2021-08-16
    [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => ({ year: +m[1], month: +m[2], day: +m[3], text: m[0] })],
    // 1 October 2021, 16 Aug, 2021, 5 augusztus 2021, 1 октомври 2021
    [new RegExp(`\\b(\\d{1,2})\\.?\\s+(${WORD}),?\\s+(\\d{4})\\b`, 'g'), (m) => dayMonthYear(m[1], m[2], m[3], m[0])],
    // October 1, 2021
    [new RegExp(`\\b(${WORD})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'g'), (m) => dayMonthYear(m[2], m[1], m[3], m[0])],
    // 1.08. (no year)
    [/\b(\d{1,2})\.(\d{1,2})\.(?!\d)/g, (m) => ({ year: null, month: +m[2], day: +m[1], text: m[0] })],
    // 1 август (no year)
    [new RegExp(`\\b(\\d{1,2})\\s+(${WORD})`, 'g'), (m) => dayMonthYear(m[1], m[2], null, m[0])],
    // юни 2023, June 2023 (a whole month)
    [new RegExp(`(?:^|[\\s„"(])(${WORD})\\s+(\\d{4})\\b`, 'g'), (m) => monthYear(m[1], m[2], m[0])],
  ];
  for (const [pattern, read] of patterns) {
    for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
      const date = read(match);
      if (date && valid(date)) add(match.index, match[0].length, date);
    }
  }
  return found
    .sort((a, b) => a.at - b.at)
    .map((entry) => ({ ...entry.date, start: source.indexOf(entry.date.text, entry.at) }));
}

function dayMonthYear(day: string, monthWord: string, year: string | null, text: string): ReadDate | null {
  const month = monthOf(monthWord);
  return month === null ? null : { year: year === null ? null : Number(year), month, day: Number(day), text };
}

function monthYear(monthWord: string, year: string, text: string): ReadDate | null {
  const month = monthOf(monthWord);
  return month === null ? null : { year: Number(year), month, day: null, text: text.trim() };
}

function valid(date: ReadDate): boolean {
  if (date.month < 1 || date.month > 12) return false;
  if (date.day === null) return true;
  const days = new Date(Date.UTC(date.year ?? 2024, date.month, 0)).getUTCDate();
  return date.day >= 1 && date.day <= days;
}

/** Whether a date read agrees with a calendar date (`YYYY-MM-DD`): every part written is the same. */
export function dateAgrees(read: ReadDate, date: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  return (read.year === null || read.year === year) && read.month === month && (read.day === null || read.day === day);
}

/** A date read, as a reader would write it back: "2021-08-16", "08-01 (no year)", "2023-06 (the month)". */
export function dateText(read: ReadDate): string {
  const two = (value: number) => String(value).padStart(2, '0');
  if (read.day === null) return `${read.year}-${two(read.month)} (the month)`;
  if (read.year === null) return `${two(read.month)}-${two(read.day)} (no year)`;
  return `${read.year}-${two(read.month)}-${two(read.day)}`;
}
