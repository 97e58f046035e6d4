import { placedDates, type PlacedDate } from '../quote-dates';
import type { Span } from './sentences';
import type { FoundNumber } from './number-rules';
import { type Draftable, type ExtractOptions, spanIn } from './types';

/** Rules for when: start and end dates (their role from the words before them) and durations. Pure. */

/** What each date's role word (the nearest before it in its sentence) says it is. */
const START_WORDS =
  /(?:^|[^\p{L}])(?:стартира\p{L}*|старт|започ\p{L}*|начал\p{L}*|от|since|start\p{L}*|began|from|indulás\p{L}*|kezdet\p{L}*|rozpocz\p{L}*|início|inizio)(?!\p{L})[^.;]{0,40}$/iu;
const END_WORDS =
  /(?:^|[^\p{L}])(?:приключ\p{L}*|край|краят|крайна|срок\p{L}*|до|завърш\p{L}*|ends?|ending|end\s+date|until|completion|vége|befejez\p{L}*|zakończ\p{L}*|conclus\p{L}*|fim|fine)(?!\p{L})[^.;]{0,40}$/iu;
/** A start said after the date: "На 1.08. община Гоце Делчев стартира изпълнението". */
const STARTS_AFTER = /^[^.;]{0,60}?(?:стартира|започна|започва|started|began)(?!\p{L})/iu;
const SIGNED_WORDS = /подписан|подписа|сключен|подписването|signed/iu;

/** Start and end dates (the role read from the words before the date). */
export function dates(sentence: Span, numbers: FoundNumber[], options: ExtractOptions, label = ''): Draftable[] {
  const found: Draftable[] = [];
  const publishedYear = options.publishedOn ? Number(options.publishedOn.slice(0, 4)) : null;
  const placed = placedDates(sentence.text);
  // A range ("06.07.2021 - 30.09.2023", "16.08.2021 г. – 15.08.2023 г."): its first date starts, its second ends.
  const ranged = new Map<PlacedDate, 'START_DATE' | 'END_DATE'>();
  placed.forEach((date, index) => {
    const next = placed[index + 1];
    if (!next) return;
    const between = sentence.text.slice(date.start + date.text.length, next.start);
    if (/^\s*(?:г\.|год\.|година)?\s*[-–—]\s*$/u.test(between)) {
      ranged.set(date, 'START_DATE');
      ranged.set(next, 'END_DATE');
    }
  });
  for (const date of placed) {
    if (date.day === null && date.year === null) continue;
    const absolute = sentence.start + date.start;
    if (numbers.some((number) => absolute >= number.start && absolute < number.end)) continue;
    // The words before it in its sentence, or, for a value alone on its line, the label line before.
    const own = sentence.text.slice(Math.max(0, date.start - 60), date.start);
    const before = own.trim() === '' && label ? label : own;
    const after = sentence.text.slice(date.start + date.text.length);
    const word =
      ranged.get(date) ??
      roleOf(before, sentence.text.slice(0, date.start)) ??
      (STARTS_AFTER.test(after) ? 'START_DATE' : null);
    if (!word) continue;
    const year = date.year ?? publishedYear;
    if (year === null) continue;
    // "до края на месец юни 2023": the month's last day ends the project.
    const endOfMonth =
      date.day === null && word === 'END_DATE' && /кра[яй]\s+на\s+(?:месец\s+)?$|end\s+of\s+$/iu.test(own);
    if (date.day === null && !endOfMonth) continue;
    const day = date.day ?? new Date(Date.UTC(year, date.month, 0)).getUTCDate();
    const iso = `${year}-${String(date.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    found.push({
      proposed: { kind: 'date', field: word, date: iso, asPublished: dateQuote(sentence.text, date) },
      quote: spanIn(sentence, date.start, date.start + dateQuote(sentence.text, date).length),
      sentence,
      flags: date.year === null ? ['YEAR_ASSUMED'] : [],
    });
  }
  return found;
}

/** A date with the "г." that follows it ("16.08.2021 г."), as the sources write it. */
function dateQuote(text: string, date: PlacedDate): string {
  const rest = text.slice(date.start + date.text.length);
  return date.text + (/^\s?(?:г\.|година|год\.)/u.exec(rest)?.[0] ?? '');
}

function roleOf(before: string, sentenceBefore: string): 'START_DATE' | 'END_DATE' | null {
  // "стартира на 16.08.2021 г. с подписването" and "договорът е подписан на …" both start the project.
  const start = START_WORDS.exec(before);
  const end = END_WORDS.exec(before);
  if (start && (!end || start.index > end.index)) return 'START_DATE';
  if (end) return 'END_DATE';
  if (SIGNED_WORDS.test(sentenceBefore) && /договор|contract/iu.test(sentenceBefore)) return 'START_DATE';
  return null;
}

/** Durations: "18 месеца", "срок от 24 месеца", "36 months". */
export function durations(sentence: Span, label = ''): Draftable[] {
  const found: Draftable[] = [];
  // A number alone under a label in months: "Времетраене на проекта (в месеци):" / "22".
  if (/^\d{1,2}$/.test(sentence.text) && /(?:времетраене|продължителност|duration).*(?:месец|months)/iu.test(label))
    return [
      {
        proposed: { kind: 'duration', months: Number(sentence.text), asPublished: sentence.text },
        quote: sentence,
        sentence,
        flags: [],
      },
    ];
  for (const match of sentence.text.matchAll(/(\d{1,2})\s*(?:месеца|месец|months?)(?!\p{L})/giu)) {
    const before = sentence.text.slice(Math.max(0, match.index - 60), match.index);
    // A duration is said so, or follows a date range ("02.01.2022 година – 30.06.2023 г./18 месеца/").
    const said = /(?:срок|продължителност|времетраене|период|изпълнение|duration|period|implementation|за\s*$)/iu.test(
      before,
    );
    if (!said && !/\d{2,4}\s*(?:г\.|год\.|година)?\s*[/(]\s*$/u.test(before)) continue;
    // Months of the jobs a project gives ("заетост за период до 12 месеца"), not of the project.
    if (/назнач|нает|заетост|employ|работа/iu.test(before)) continue;
    found.push({
      proposed: { kind: 'duration', months: Number(match[1]), asPublished: match[0] },
      quote: spanIn(sentence, match.index, match.index + match[0].length),
      sentence,
      flags: [],
    });
  }
  return found;
}
