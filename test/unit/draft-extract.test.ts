import fs from 'node:fs';
import path from 'node:path';
import { extractDraft, type Proposal, type Proposed } from '../../src/domain/draft/extract';
import { sentences } from '../../src/domain/draft/sentences';
import { draftTextProblem, makeDraft } from '../../src/ingest/draft';

/** Each rule on sentences taken from the curated sources (seeds/projects/*.txt, as published). */
const SOURCES = path.resolve(__dirname, '..', '..', 'seeds', 'projects');
const page = (key: string) =>
  fs
    .readFileSync(path.join(SOURCES, `${key}.txt`), 'utf8')
    .split('\n')
    .slice(1)
    .join('\n');

const of = <K extends Proposed['kind']>(proposals: Proposal[], kind: K) =>
  proposals.filter((proposal) => proposal.proposed.kind === kind) as (Proposal & {
    proposed: Extract<Proposed, { kind: K }>;
  })[];

describe('draft extraction, rule by rule', () => {
  it('reads a programme’s contract, registration number and its total, EU and national amounts', () => {
    const text =
      '•  ОП „Развитие на човешките ресурси”  с регистрационен № BG05M9OP001-2.056-0009-C01 в размер на 1 169 020.81 лв., от които 993 667.69 лв. от Европейския социален фонд и 175 353.12  лв. Национално финансиране.';
    const { proposals } = extractDraft(text);
    expect(of(proposals, 'contract').map((p) => [p.proposed.programme, p.proposed.number])).toEqual([
      ['BG05M9OP001', 'BG05M9OP001-2.056-0009-C01'],
    ]);
    expect(of(proposals, 'registration').map((p) => p.proposed.value)).toEqual(['BG05M9OP001-2.056-0009']);
    expect(
      of(proposals, 'amount').map((p) => [
        p.proposed.programme,
        p.proposed.fundingKind,
        p.proposed.amount,
        p.proposed.qualifier,
      ]),
    ).toEqual([
      ['BG05M9OP001', 'TOTAL', '1169020.81', 'EXACT'],
      ['BG05M9OP001', 'EU', '993667.69', 'EXACT'],
      ['BG05M9OP001', 'NATIONAL', '175353.12', 'EXACT'],
    ]);
    // The quote is the exact span of the text, offsets included.
    for (const proposal of proposals)
      expect(text.slice(proposal.quote.start, proposal.quote.end)).toBe(proposal.quote.text);
    expect(of(proposals, 'amount')[0].quote.text).toBe('1 169 020.81 лв.');
  });

  it('reads the OP SESG contract from its number alone, Cyrillic look-alikes and spaces included', () => {
    const text = 'Договор № BG05M9OP001-2.056-0009-2014 BG05M2OP001-С01 е сключен с Министерството.';
    const [contract] = of(extractDraft(text).proposals, 'contract');
    expect(contract.proposed).toMatchObject({
      programme: 'BG05M2OP001',
      number: 'BG05M9OP001-2.056-0009-2014BG05M2OP001-C01',
    });
    expect(contract.proposed.asPublished).toBe('BG05M9OP001-2.056-0009-2014 BG05M2OP001-С01');
  });

  it('takes the qualifier from the hedge word: "близо" approximate, "в максимален размер до" a ceiling', () => {
    const near = of(extractDraft(page('velingrad-pa-media-project-start-2021-09')).proposals, 'amount');
    expect(
      near.map((p) => [p.proposed.amount, p.proposed.qualifier, p.proposed.programme, p.proposed.asPublished]),
    ).toEqual([['1560000.00', 'APPROXIMATE', null, 'близо 1 560 000 лв.']]);
    const ceiling = of(extractDraft(page('burgas-project-page')).proposals, 'amount')[0];
    expect(ceiling.proposed).toMatchObject({ amount: '616168.74', qualifier: 'AT_MOST' });
  });

  it('reads counts with their indicator and basis from tense: "ще бъдат назначени" planned, "вече са назначени" achieved at that date', () => {
    const { proposals } = extractDraft(page('velingrad-pa-media-project-start-2021-09'), { publishedOn: '2021-09-27' });
    expect(
      of(proposals, 'count').map((p) => [p.proposed.code, p.proposed.value, p.proposed.basis, p.proposed.asOf]),
    ).toEqual([
      ['COMMUNITY_MEDIATORS', 4, 'ACHIEVED', '2021-09-27'],
      ['PERSONS_EMPLOYED', 25, 'PLANNED', null],
    ]);
  });

  it('reads dates with their role, and the signing of the contract as the start', () => {
    const { proposals } = extractDraft(page('velingrad-pa-media-project-start-2021-09'));
    expect(of(proposals, 'date').map((p) => [p.proposed.field, p.proposed.date, p.proposed.asPublished])).toEqual([
      ['START_DATE', '2021-08-16', '16.08.2021 година'],
    ]);
    const end = of(extractDraft('Дата на приключване: 06.05.2023 год.').proposals, 'date');
    expect(end.map((p) => [p.proposed.field, p.proposed.date, p.proposed.asPublished])).toEqual([
      ['END_DATE', '2023-05-06', '06.05.2023 год.'],
    ]);
  });

  it('shows two end dates of one page as two proposals, both flagged, never one chosen', () => {
    const ends = of(extractDraft(page('stara-zagora-sviatbezgranici-project-page')).proposals, 'date').filter(
      (p) => p.proposed.field === 'END_DATE',
    );
    expect(new Set(ends.map((p) => p.proposed.date)).size).toBeGreaterThanOrEqual(2);
    for (const end of ends) expect(end.flags).toContain('CONFLICTING');
  });

  it('reads the quoted title after "проект" and partners with their type', () => {
    const { proposals } = extractDraft(page('velingrad-velingrad-bg-opening-press-release-2021-09-29'));
    expect(of(proposals, 'title')[0].proposed.value).toBe(
      'Социално-икономическа интеграция на уязвими групи. Интегрирани мерки за подобряване достъпа до образование в община Велинград',
    );
    expect(of(proposals, 'partner').map((p) => [p.proposed.name, p.proposed.type])).toEqual([
      ['Сдружение „Консултантско бюро Напредък 7“', 'NGO'],
      ['Сдружение „ОБЕДИНЕНИ ПРОФЕСИОНАЛИСТИ ЗА УСТОЙЧИВО РАЗВИТИЕ“', 'NGO'],
      ['ОСНОВНО УЧИЛИЩЕ „ГЕОРГИ БЕНКОВСКИ“', 'SCHOOL'],
      ['ОСНОВНО УЧИЛИЩЕ „НЕОФИТ РИЛСКИ“', 'SCHOOL'],
    ]);
  });

  it('leaves out another programme’s project: its sentence and the rest of its paragraph', () => {
    const text =
      'От 30.06.2020 година Община Казанлък с финансовата подкрепа на Оперативна програма „Региони в растеж“ изпълнява проект „Изграждане на социални жилища“. В период от 24 месеца ще бъдат изградени 4 семейни къщи.\n' +
      'Проектът по ОП РЧР стартира на 15.12.2021 г.';
    const { proposals } = extractDraft(text);
    expect(proposals.map((p) => p.proposed.kind === 'date' && p.proposed.date).filter(Boolean)).toEqual(['2021-12-15']);
    expect(of(proposals, 'duration')).toEqual([]);
    expect(of(proposals, 'count')).toEqual([]);
  });

  it('proposes what the text does not state as missing, and never a figure its quote does not state', () => {
    const { proposals, missing } = extractDraft('Общината проведе среща с граждани. Бяха обсъдени дейностите.');
    expect(proposals).toEqual([]);
    expect(missing.map((entry) => entry.field)).toEqual(
      expect.arrayContaining(['title', 'registrationNumber', 'budget', 'period.startDate', 'period.endDate']),
    );
  });

  it('splits sentences at stops before capitals, not after abbreviations or inside dates', () => {
    const parts = sentences(
      'Договорът е подписан на 16.08.2021 г. с министерството. В гр. Велинград стартира проектът.',
    );
    expect(parts.map((part) => part.text)).toEqual([
      'Договорът е подписан на 16.08.2021 г. с министерството.',
      'В гр. Велинград стартира проектът.',
    ]);
  });

  it('refuses empty, over-long and binary texts, naming why', () => {
    expect(draftTextProblem('   ')).toBe('is empty');
    expect(draftTextProblem('а'.repeat(200_001))).toMatch(/more than 200000/);
    expect(draftTextProblem(`PK\u0003\u0004${'\u0001\u0002'.repeat(50)}binary`)).toMatch(/binary data/);
    expect(draftTextProblem(page('velingrad-pa-media-project-start-2021-09'))).toBeNull();
  });

  it('makes a project file of the proposals, each statement citing the text, which goes with it', () => {
    const text = page('velingrad-velingrad-bg-final-press-conference-2023-09-27');
    const draft = makeDraft({
      text,
      municipalityCode: 'PAZ08',
      municipalityNameLatin: 'Velingrad',
      sourceUrl: 'https://velingrad.bg/main/blog/2023/09/27/x/',
      publisher: null,
      publishedOn: '2023-09-27',
    });
    const file = draft.file as {
      key: string;
      sources: { key: string; text: string; publisher: string }[];
      funding: unknown[];
    };
    expect(file.key).toBe('velingrad');
    expect(file.sources).toHaveLength(1);
    expect(file.sources[0].text).toBe(text);
    expect(file.sources[0].publisher).toBe('velingrad.bg');
    expect(file.funding.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(draft.file)).not.toContain('"source":"other"');
  });
});
