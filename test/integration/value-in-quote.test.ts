import { importProjectFiles } from '../../src/ingest/import-projects';
import { ImportValidationError } from '../../src/ingest/import-errors';
import type { ProjectFile } from '../../src/ingest/project-file';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { asFile, validProjectFile } from '../helpers/project-file';

/**
 * The importer reads the figure each quote states and refuses a file whose typed value is another
 * (VALUE_NOT_IN_QUOTE), naming the path, what the quote says and the value; titles and partner names are
 * quotes of their source. Nothing of a refused import is written.
 */
describe('value ↔ quote agreement at import', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
  });
  afterAll(() => db.drop());

  const TEXT = [
    'Проект за тест в община Бургас, рег. № BG05M9OP001-2.056-9001, по процедура BG05M9OP001-2.056.',
    'Договор BG05M9OP001-2.056-9001-C01 на стойност 1 169 020.81 лв., подписан на 16.08.2021 г.',
    'Проектът стартира на 01.10.2021 г. и приключва на 30.06.2023 г. Финансирането е в размер на близо 1 560 000 лв.',
    'Партньори: ОСНОВНО УЧИЛИЩЕ “ГЕОРГИ БЕНКОВСКИ“. В резултат 25 представители на целевите групи ще бъдат назначени на работа.',
    'Вече са назначени четирима медиатори.',
  ].join('\n');

  /** A file citing TEXT, with the statements the tests change. */
  const file = (overrides: Partial<ProjectFile> = {}) => {
    const base = validProjectFile();
    return validProjectFile({
      key: 'quote-check',
      sources: [{ ...base.sources[0], text: TEXT }],
      funding: [
        { ...base.funding[0], amount: '1169020.81', asPublished: '1 169 020.81 лв.' },
        {
          ...base.funding[0],
          amount: '1560000',
          qualifier: 'APPROXIMATE' as never,
          asPublished: 'близо 1 560 000 лв.',
        },
      ],
      period: [
        { field: 'START_DATE' as never, date: '2021-10-01', asPublished: '01.10.2021 г.', source: 'test-source' },
        { field: 'END_DATE' as never, date: '2023-06-30', asPublished: '30.06.2023 г.', source: 'test-source' },
      ],
      partners: [
        {
          name: 'ОСНОВНО УЧИЛИЩЕ “ГЕОРГИ БЕНКОВСКИ“',
          type: 'SCHOOL' as never,
          role: 'PARTNER' as never,
          programme: null,
          source: 'test-source',
        },
      ],
      indicators: [
        {
          ...base.indicators[0],
          value: 25,
          asPublished: '25 представители на целевите групи ще бъдат назначени на работа',
        },
      ],
      ...overrides,
    });
  };

  const refused = async (document: ProjectFile) => {
    const before = (await db.dataSource.query('SELECT count(*)::int AS n FROM projects'))[0].n;
    const error = await importProjectFiles(db.dataSource, [asFile(document, 'check.json')]).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM projects'))[0].n).toBe(before);
    return (error as ImportValidationError).errors.map(({ path, code, reason }) => ({ path, code, reason }));
  };

  it('accepts a file whose every value is the value its quote states', async () => {
    const report = await importProjectFiles(db.dataSource, [asFile(file(), 'check.json')], { dryRun: true });
    expect(report.projects.map((project) => project.action)).toEqual(['CREATED']);
  });

  it.each<[string, Partial<ProjectFile>, { path: string; reason: string }]>([
    [
      'a count: "quote says 25, value is 52"',
      {
        indicators: [
          {
            ...validProjectFile().indicators[0],
            value: 52,
            asPublished: '25 представители на целевите групи ще бъдат назначени на работа',
          },
        ],
      },
      { path: '$.indicators[0].value', reason: 'the quote says 25, the value is 52' },
    ],
    [
      'an amount with two digits swapped',
      { funding: [{ ...validProjectFile().funding[0], amount: '1196020.81', asPublished: '1 169 020.81 лв.' }] },
      { path: '$.funding[0].amount', reason: 'the quote says 1 169 020.81, the value is 1 196 020.81' },
    ],
    [
      'a date',
      {
        period: [
          { field: 'START_DATE' as never, date: '2021-01-10', asPublished: '01.10.2021 г.', source: 'test-source' },
        ],
      },
      { path: '$.period[0].date', reason: 'the quote says 2021-10-01, the value is 2021-01-10' },
    ],
    [
      'a qualifier the hedge word contradicts ("близо" is APPROXIMATE)',
      { funding: [{ ...validProjectFile().funding[0], amount: '1560000', asPublished: 'близо 1 560 000 лв.' }] },
      {
        path: '$.funding[0].qualifier',
        reason: 'the quote says "близо 1 560 000" (APPROXIMATE), the qualifier is EXACT',
      },
    ],
  ])('refuses %s, naming the path, what the quote says and the value', async (_what, overrides, expected) => {
    expect(await refused(file(overrides))).toEqual([
      { path: expected.path, code: 'VALUE_NOT_IN_QUOTE', reason: expect.stringContaining(expected.reason) },
    ]);
  });

  it('refuses a title and a partner name that are not in their source’s text', async () => {
    const errors = await refused(
      file({
        title: { value: 'Проект за тест в община Бургас и Созопол', source: 'test-source' },
        partners: [
          {
            name: 'ОУ „Георги Бенковски“',
            type: 'SCHOOL' as never,
            role: 'PARTNER' as never,
            programme: null,
            source: 'test-source',
          },
        ],
      }),
    );
    expect(errors).toEqual([
      { path: '$.title.value', code: 'QUOTE_NOT_IN_SOURCE', reason: expect.stringContaining('"Созопол"') },
      { path: '$.partners[0].name', code: 'QUOTE_NOT_IN_SOURCE', reason: expect.stringContaining('"ОУ"') },
    ]);
  });

  it('accepts a figure written in words, its value unchecked (the API says so: quotes.test.ts)', async () => {
    const words = file({
      indicators: [
        {
          ...validProjectFile().indicators[0],
          value: 4,
          basis: 'ACHIEVED' as never,
          asPublished: 'Вече са назначени четирима медиатори.',
        },
      ],
    });
    const report = await importProjectFiles(db.dataSource, [asFile(words, 'words.json')], { dryRun: true });
    expect(report.projects).toHaveLength(1);
  });
});
