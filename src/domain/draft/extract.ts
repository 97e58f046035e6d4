import { parseContractNumber } from '../contract-number';
import { Qualifier } from '../enums';
import {
  amountVerdict,
  countVerdict,
  dateVerdict,
  monthsVerdict,
  numberVerdict,
  procedureVerdict,
} from '../value-in-quote';
import { amounts, contractNumbers, NUMBER, procedures, programmeMentions, titles } from './number-rules';
import { counts, partners } from './people-rules';
import { sentences } from './sentences';
import { dates, durations } from './time-rules';
import type { Draftable, ExtractOptions, Extraction, MissingField, Proposal, Proposed } from './types';
import { namedProgramme } from './types';

/**
 * Proposals for a project file read from a published text (a press release, a project page), by rules:
 * deterministic, no network, no model. Each proposal carries the exact span it was read from (its quote)
 * and the sentence around it, and is checked by the importer's own value ↔ quote reader
 * (value-in-quote.ts): a proposal its quote does not state is dropped, so a draft never carries a figure
 * its text does not give. What the rules cannot settle is flagged, never resolved: two end dates are two
 * proposals, both flagged; a count whose tense says neither plan nor result is flagged. Pure.
 */

/** Programmes other than the procedure's two (OP HRD, OP SESG): a project under them is another project. */
const OTHER_PROGRAMME =
  /Региони\s+в\s+растеж|ОПРР|BG16RFOP001|Добро\s+управление|Околна\s+среда\s+20|Регионално\s+развитие/iu;

/** Reads every proposal of `text` (Bulgarian or English). */
export function extractDraft(text: string, options: ExtractOptions = {}): Extraction {
  const all = sentences(text);
  const proposals: Draftable[] = [];
  const numbers = [...text.matchAll(NUMBER)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
    parsed: parseContractNumber(match[0].replace(/–/g, '-')),
  }));
  // Another programme's project ("Региони в растеж" housing, a BG16RFOP001 contract) is context, not this
  // project: its sentence, and the rest of its paragraph unless that names this procedure's programmes.
  const elsewhere = new Set<number>();
  all.forEach((sentence, index) => {
    const sameParagraph = index > 0 && !text.slice(all[index - 1].end, sentence.start).includes('\n');
    const ours = namedProgramme(sentence.text) !== null || /2\.056/.test(sentence.text);
    if (OTHER_PROGRAMME.test(sentence.text) || (elsewhere.has(index - 1) && sameParagraph && !ours))
      elsewhere.add(index);
  });
  const indexAt = new Map(all.map((sentence, index) => [sentence.start, index]));
  const here = (proposal: Draftable) => !elsewhere.has(indexAt.get(proposal.sentence.start) ?? -1);
  proposals.push(
    ...[...titles(text, all), ...procedures(all), ...contractNumbers(numbers, all), ...partners(all)].filter(here),
  );
  all.forEach((sentence, index) => {
    if (elsewhere.has(index)) return;
    const mentions = programmeMentions(sentence, numbers);
    // A label on its own line ("Начална дата на проекта:") names the value on the next.
    const label = index > 0 && all[index - 1].text.length <= 80 ? all[index - 1].text : '';
    proposals.push(
      ...amounts(sentence, mentions, text),
      ...counts(sentence, options, index > 0 ? all[index - 1].text : ''),
    );
    proposals.push(...dates(sentence, numbers, options, label), ...durations(sentence, label));
  });
  const checked = proposals.filter((proposal) => statesIt(proposal)).filter(firstOfEach());
  flagConflicts(checked);
  const counters = new Map<string, number>();
  const numbered = checked
    .sort((a, b) => a.quote.start - b.quote.start)
    .map((proposal) => {
      const n = (counters.get(proposal.proposed.kind) ?? 0) + 1;
      counters.set(proposal.proposed.kind, n);
      return { id: `${proposal.proposed.kind}-${n}`, ...proposal };
    });
  return { proposals: numbered, missing: missingFields(numbered) };
}

/** Whether the importer's reader agrees that the quote states the proposed value. */
function statesIt(proposal: Draftable): boolean {
  const p = proposal.proposed;
  switch (p.kind) {
    case 'amount':
      return (
        amountVerdict({ amount: p.amount, currency: p.currency, qualifier: p.qualifier }, p.asPublished).status ===
        'agrees'
      );
    case 'count':
      return countVerdict({ value: p.value, qualifier: p.qualifier }, p.asPublished).status === 'agrees';
    case 'date':
      return dateVerdict(p.date, p.asPublished).status === 'agrees';
    case 'duration':
      return monthsVerdict(p.months, p.asPublished).status === 'agrees';
    case 'contract':
      return numberVerdict(p.number, p.asPublished, 'contract').status === 'agrees';
    case 'registration':
      return numberVerdict(p.value, p.asPublished, 'registration').status === 'agrees';
    case 'procedure':
      return procedureVerdict(p.quote).status === 'agrees';
    case 'title':
    case 'partner':
      return proposal.quote.text.length > 0;
  }
}

/** The same statement read twice in one text (a number repeated, a title in the headline and the body): the first. */
function firstOfEach(): (proposal: Draftable) => boolean {
  const seen = new Set<string>();
  return (proposal) => {
    const { asPublished: _quote, ...value } = proposal.proposed as Proposed & { asPublished?: string };
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}

/** Proposals of one field that disagree (two end dates, two titles, two totals of one programme): all flagged. */
function flagConflicts(proposals: Draftable[]): void {
  const field = (p: Proposed): string | null => {
    switch (p.kind) {
      case 'title':
        return 'title';
      case 'registration':
        return 'registration';
      case 'date':
        return p.field;
      case 'duration':
        return 'duration';
      case 'amount':
        return `amount ${p.programme} ${p.fundingKind} ${p.qualifier}`;
      default:
        return null;
    }
  };
  const byField = new Map<string, Draftable[]>();
  for (const proposal of proposals) {
    const name = field(proposal.proposed);
    if (name) byField.set(name, [...(byField.get(name) ?? []), proposal]);
  }
  for (const group of byField.values())
    if (group.length > 1) for (const proposal of group) proposal.flags.push('CONFLICTING');
}

/** What the text leaves unsaid, among the fields an editor would look for first. */
function missingFields(proposals: Proposal[]): MissingField[] {
  const has = (test: (p: Proposed) => boolean) => proposals.some((proposal) => test(proposal.proposed));
  const missing: MissingField[] = [];
  if (!has((p) => p.kind === 'title'))
    missing.push({ field: 'title', reason: 'The text names the project in no quoted title.' });
  if (!has((p) => p.kind === 'registration'))
    missing.push({ field: 'registrationNumber', reason: 'The text states no registration or contract number.' });
  if (
    !has(
      (p) =>
        p.kind === 'amount' && p.programme === null && p.fundingKind === 'TOTAL' && p.qualifier === Qualifier.EXACT,
    )
  )
    missing.push({ field: 'budget', reason: "The text states no exact total of the project's budget." });
  if (!has((p) => p.kind === 'date' && p.field === 'START_DATE'))
    missing.push({ field: 'period.startDate', reason: 'The text states no start date.' });
  if (!has((p) => p.kind === 'date' && p.field === 'END_DATE'))
    missing.push({ field: 'period.endDate', reason: 'The text states no end date.' });
  if (!has((p) => p.kind === 'count' && p.basis === 'ACHIEVED'))
    missing.push({ field: 'indicators', reason: 'The text states no achieved figure.' });
  return missing;
}

export type * from './types';
