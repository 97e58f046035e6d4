import { importProjectFiles } from '../../src/ingest/import-projects';
import { danglingReferences } from '../../src/ingest/unchecked-writes';
import { upsertSources } from '../../src/ingest/staged-sources';
import path from 'node:path';
import { fileContent } from '../../src/ingest/read-file';
import { ImportValidationError, type ImportError } from '../../src/ingest/import-errors';
import { loadSeeds, seedProjectFiles } from '../../src/ingest/seed';
import { createLogger } from '../../src/logger';
import { ROOT } from '../helpers/hub-process';
import { createDataSource } from '../../src/db/data-source';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { asFile, validProjectFile } from '../helpers/project-file';

/** The public import format: all-or-nothing, with file + JSON path + reason for every refusal. */
describe('npm run import: validation and loading', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
  });
  afterAll(() => db.drop());

  const countProjects = async () => Number((await db.dataSource.query('SELECT count(*) AS n FROM projects'))[0].n);
  const countSources = async () => Number((await db.dataSource.query('SELECT count(*) AS n FROM sources'))[0].n);
  /** The total an unfiltered project list answers, kept by triggers (migration ProjectTotal1796177000000). */
  const keptTotal = async (run = (text: string) => db.dataSource.query(text)) =>
    Number((await run('SELECT projects FROM data_revision WHERE id = 1'))[0].projects);

  async function refused(files: { name: string; content: string }[]): Promise<ImportError[]> {
    const projectsBefore = await countProjects();
    const sourcesBefore = await countSources();
    const error = await importProjectFiles(db.dataSource, files).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportValidationError);
    // Nothing written: not the valid files of the batch, not their sources.
    expect(await countProjects()).toBe(projectsBefore);
    expect(await countSources()).toBe(sourcesBefore);
    return (error as ImportValidationError).errors;
  }

  const good = asFile(validProjectFile({ key: 'good-one', contracts: [], registrationNumber: null }), 'good-one.json');

  it.each([
    ['malformed JSON', '{ "formatVersion": 1, ', '$', /malformed JSON/],
    [
      'a missing required field',
      (() => {
        const d: Record<string, unknown> = { ...validProjectFile() };
        delete d.municipalityCode;
        return d;
      })(),
      '$.municipalityCode',
      /required field is missing/,
    ],
    [
      'a negative amount',
      validProjectFile({ funding: [{ ...validProjectFile().funding[0], amount: '-5.00' }] }),
      '$.funding[0].amount',
      /must not be negative/,
    ],
    [
      'an amount with three decimals',
      validProjectFile({ funding: [{ ...validProjectFile().funding[0], amount: '1000.125' }] }),
      '$.funding[0].amount',
      /more than two decimals/,
    ],
    [
      'an impossible date',
      validProjectFile({ period: [{ field: 'START_DATE' as never, date: '2023-02-30', source: 'test-source' }] }),
      '$.period[0].date',
      /impossible date "2023-02-30"/,
    ],
    [
      'an end before the start',
      validProjectFile({
        period: [
          { field: 'START_DATE' as never, date: '2023-01-01', source: 'test-source' },
          { field: 'END_DATE' as never, date: '2022-12-31', source: 'test-source' },
        ],
      }),
      '$.period[1].date',
      /end date 2022-12-31 is before start date 2023-01-01/,
    ],
    [
      'an unknown programme code',
      validProjectFile({ funding: [{ ...validProjectFile().funding[0], programme: 'BG05M9OP999' }] }),
      '$.funding[0].programme',
      /unknown programme code "BG05M9OP999"/,
    ],
    [
      'an unknown enum value',
      validProjectFile({ indicators: [{ ...validProjectFile().indicators[0], basis: 'HOPED' as never }] }),
      '$.indicators[0].basis',
      /must be one of PLANNED, ACHIEVED/,
    ],
    [
      'a figure without a source',
      (() => {
        const d = validProjectFile();
        const { source: _source, ...rest } = d.funding[0];
        return { ...d, funding: [rest] };
      })(),
      '$.funding[0].source',
      /required field is missing/,
    ],
    [
      'a figure citing an undefined source',
      validProjectFile({ indicators: [{ ...validProjectFile().indicators[0], source: 'nowhere' }] }),
      '$.indicators[0].source',
      /source "nowhere" is not defined/,
    ],
  ])('refuses %s, naming file, path and reason, and writes nothing', async (_what, document, path, reason) => {
    const errors = await refused([good, asFile(document, 'broken.json')]);
    expect(errors).toContainEqual({
      file: 'broken.json',
      path,
      code: 'INVALID',
      reason: expect.stringMatching(reason),
    });
    expect(errors.every((error) => error.file === 'broken.json')).toBe(true);
  });

  it('refuses a contract number already used by another project', async () => {
    const document = validProjectFile({
      key: 'copycat',
      registrationNumber: null,
      contracts: [
        {
          programme: 'BG05M9OP001',
          number: 'BG05M9OP001-2.056-0020-C01',
          asPublished: 'BG05M9OP001-2.056-0020-C01',
          signedOn: null,
          source: 'test-source',
        },
      ],
    });
    const errors = await refused([asFile(document, 'copycat.json')]);
    expect(errors).toEqual([
      {
        file: 'copycat.json',
        path: '$.contracts[0].number',
        code: 'CONTRACT_NUMBER_TAKEN',
        reason: 'contract number BG05M9OP001-2.056-0020-C01 is already used by project "kazanlak"',
      },
    ]);
  });

  it('refuses two files of one batch claiming the same contract', async () => {
    const a = validProjectFile({ key: 'first-claim' });
    const b = validProjectFile({ key: 'second-claim', registrationNumber: null });
    const errors = await refused([asFile(a, 'a.json'), asFile(b, 'b.json')]);
    expect(errors).toEqual([
      {
        file: 'b.json',
        path: '$.contracts[0].number',
        code: 'CONTRACT_NUMBER_TAKEN',
        reason: 'contract number BG05M9OP001-2.056-9001-C01 is already used by project "first-claim"',
      },
    ]);
  });

  it('names, in file order, every clash between files of one batch and the nearest earlier file it clashes with', async () => {
    const contract = (number: string) => ({
      programme: 'BG05M9OP001',
      number,
      asPublished: number,
      signedOn: null,
      source: 'test-source',
    });
    const registration = {
      value: 'BG05M9OP001-2.056-9077',
      asPublished: 'BG05M9OP001-2.056-9077',
      source: 'test-source',
    };
    const otherSource = { ...validProjectFile().sources[0], title: 'Another title for the same key' };
    const files = [
      asFile(
        validProjectFile({
          key: 'clash-one',
          registrationNumber: registration,
          contracts: [contract('BG05M9OP001-2.056-9771-C01')],
        }),
        'a.json',
      ),
      // The same source, defined otherwise; the same contract twice in one file is no clash.
      asFile(
        validProjectFile({
          key: 'clash-two',
          registrationNumber: null,
          sources: [otherSource],
          contracts: [contract('BG05M9OP001-2.056-9772-C01'), contract('BG05M9OP001-2.056-9772-C01')],
        }),
        'b.json',
      ),
      asFile(
        validProjectFile({
          key: 'clash-one',
          registrationNumber: null,
          contracts: [contract('BG05M9OP001-2.056-9771-C01')],
        }),
        'c.json',
      ),
      asFile(validProjectFile({ key: 'clash-one', registrationNumber: null, contracts: [] }), 'd.json'),
      asFile(
        validProjectFile({
          key: 'clash-three',
          registrationNumber: registration,
          contracts: [contract('BG05M9OP001-2.056-9773-C01'), contract('BG05M9OP001-2.056-9771-C01')],
        }),
        'e.json',
      ),
    ];
    expect(await refused(files)).toEqual([
      {
        file: 'b.json',
        path: '$.sources[0]',
        code: 'SOURCE_DEFINED_TWICE',
        reason: 'source "test-source" is defined differently in a.json',
      },
      {
        file: 'c.json',
        path: '$.key',
        code: 'KEY_USED_TWICE',
        reason: 'project key "clash-one" is also used by a.json',
      },
      // c.json defines the source as a.json did, but b.json's definition came in between.
      {
        file: 'c.json',
        path: '$.sources[0]',
        code: 'SOURCE_DEFINED_TWICE',
        reason: 'source "test-source" is defined differently in b.json',
      },
      // c.json is d.json's nearest earlier file with the key; c.json's contract is of the same key: no clash.
      {
        file: 'd.json',
        path: '$.key',
        code: 'KEY_USED_TWICE',
        reason: 'project key "clash-one" is also used by c.json',
      },
      {
        file: 'e.json',
        path: '$.contracts[1].number',
        code: 'CONTRACT_NUMBER_TAKEN',
        reason: 'contract number BG05M9OP001-2.056-9771-C01 is already used by project "clash-one"',
      },
      expect.objectContaining({
        file: 'e.json',
        code: 'REGISTRATION_NUMBER_TAKEN',
        // The code is said once, in `code`, not again in the reason.
        reason: 'registration number BG05M9OP001-2.056-9077 is already held by project "clash-one"',
      }),
    ]);
  });

  it('creates, leaves an unchanged file alone, and revises a changed one keeping the previous values', async () => {
    const original = validProjectFile({ key: 'revised-project', registrationNumber: null, contracts: [] });
    expect(await importProjectFiles(db.dataSource, [asFile(original)])).toMatchObject({
      created: ['revised-project'],
      updated: [],
      unchanged: [],
      warnings: [],
    });

    // Same content, other formatting and key order: unchanged, no new revision.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(original).reverse()));
    expect(await importProjectFiles(db.dataSource, [asFile(reordered)])).toMatchObject({
      created: [],
      updated: [],
      unchanged: ['revised-project'],
      warnings: [],
    });

    const changed = { ...original, funding: [{ ...original.funding[0], amount: '2000.00', asPublished: '2 000 лв.' }] };
    expect(await importProjectFiles(db.dataSource, [asFile(changed)])).toMatchObject({
      created: [],
      updated: ['revised-project'],
      unchanged: [],
      warnings: [],
    });

    const [project] = await db.dataSource.query(
      "SELECT id, revision, total_budget_bgn FROM projects WHERE key = 'revised-project'",
    );
    expect(project.revision).toBe(2);
    expect(project.total_budget_bgn).toBe('2000.00');
    expect(await keptTotal()).toBe(await countProjects());
    const revisions = await db.dataSource.query(
      'SELECT revision, changed_fields, previous FROM project_revisions WHERE project_id = $1 ORDER BY revision',
      [project.id],
    );
    expect(revisions.map((row: { revision: number }) => row.revision)).toEqual([1, 2]);
    expect(revisions[1].changed_fields).toEqual(['funding']);
    expect(revisions[1].previous.funding[0].amount).toBe('1000.00');
    const amounts = await db.dataSource.query('SELECT amount FROM funding_amounts WHERE project_id = $1', [project.id]);
    expect(amounts).toEqual([{ amount: '2000.00' }]);
  });

  it('keeps project_programmes equal to the programmes the five statement tables name, through creation and revision', async () => {
    const derived = `SELECT DISTINCT project_id, programme_code FROM (${[
      'funding_amounts',
      'contracts',
      'partnerships',
      'activities',
      'target_groups',
    ]
      .map((table) => `SELECT project_id, programme_code FROM ${table} WHERE programme_code IS NOT NULL`)
      .join(' UNION ALL ')}) named ORDER BY 1, 2`;
    const stored = 'SELECT project_id, programme_code FROM project_programmes ORDER BY 1, 2';
    expect((await db.dataSource.query(stored)).length).toBeGreaterThan(10); // the seeds, backfilled or imported
    expect(await db.dataSource.query(stored)).toEqual(await db.dataSource.query(derived));
    const file = validProjectFile({ key: 'programme-project', registrationNumber: null, contracts: [] });
    const underHrd = { ...file, funding: [{ ...file.funding[0], programme: 'BG05M9OP001' }] };
    await importProjectFiles(db.dataSource, [asFile(underHrd)]);
    const [{ id }] = await db.dataSource.query("SELECT id FROM projects WHERE key = 'programme-project'");
    expect(
      await db.dataSource.query('SELECT programme_code FROM project_programmes WHERE project_id = $1', [id]),
    ).toEqual([{ programme_code: 'BG05M9OP001' }]);
    await importProjectFiles(db.dataSource, [
      asFile({ ...file, funding: [{ ...file.funding[0], programme: 'BG05M2OP001' }] }),
    ]);
    expect(
      await db.dataSource.query('SELECT programme_code FROM project_programmes WHERE project_id = $1', [id]),
    ).toEqual([{ programme_code: 'BG05M2OP001' }]);
    expect(await db.dataSource.query(stored)).toEqual(await db.dataSource.query(derived));
  });

  it('stores tabs, line breaks, backslashes and a literal \\N exactly as the file gives them (rows are written by COPY)', async () => {
    const awkward = 'Проект\tза "тест"\r\nв община Бургас \\N, C:\\път\\ и \\\\ край';
    const file = validProjectFile({
      key: 'awkward-text',
      registrationNumber: null,
      contracts: [],
      title: { value: awkward, source: 'test-source' },
      funding: [{ ...validProjectFile().funding[0], asPublished: awkward, note: '\\N' }],
      notes: [awkward],
    });
    await importProjectFiles(db.dataSource, [asFile(file)]);
    const [project] = await db.dataSource.query(
      "SELECT id, title, notes, document::jsonb->'title'->>'value' AS document_title FROM projects WHERE key = 'awkward-text'",
    );
    expect(project).toMatchObject({ title: awkward, notes: [awkward], document_title: awkward });
    expect(
      await db.dataSource.query('SELECT as_published, note FROM funding_amounts WHERE project_id = $1', [project.id]),
    ).toEqual([{ as_published: awkward, note: '\\N' }]);
  });

  it('writes nothing when a file of a later chunk changes between the two passes, while the chunk before it is being written', async () => {
    const projectsBefore = await countProjects();
    // 250 files: the first chunk (200) is written while the second is read again; file 230 changes in between.
    const files = Array.from({ length: 250 }, (_v, index) => {
      const content = JSON.stringify(
        validProjectFile({ key: `two-pass-${index}`, registrationNumber: null, contracts: [] }),
      );
      let reads = 0;
      return {
        name: `two-pass-${index}.json`,
        read: () => (index === 230 && ++reads > 1 ? content.replace('1000.00', '1001.00') : content),
      };
    });
    const error = await importProjectFiles(db.dataSource, files).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportValidationError);
    expect((error as ImportValidationError).errors).toEqual([
      {
        file: 'two-pass-230.json',
        path: '$',
        code: 'FILE_CHANGED',
        reason: 'file changed while it was being imported',
      },
    ]);
    expect(await countProjects()).toBe(projectsBefore);
  });

  it('writes a large import without row-by-row foreign-key checks and leaves every reference whole', async () => {
    // 250 files (≥ 200): written with session_replication_role = replica, references checked at once after.
    const files = Array.from({ length: 250 }, (_v, index) =>
      asFile(validProjectFile({ key: `bulk-${index}`, registrationNumber: null, contracts: [] }), `bulk-${index}.json`),
    );
    const report = await importProjectFiles(db.dataSource, files);
    expect(report.created).toHaveLength(250);
    const ids: number[] = (await db.dataSource.query("SELECT id FROM projects WHERE key LIKE 'bulk-%'")).map(
      (row: { id: number }) => row.id,
    );
    expect(ids).toHaveLength(250);
    // Written with triggers off for the foreign keys, the kept total still follows.
    expect(await keptTotal()).toBe(await countProjects());
    expect(await danglingReferences(db.dataSource.manager, ids)).toEqual([]);
    const [{ n }] = await db.dataSource.query(
      'SELECT count(*)::int AS n FROM indicator_values v JOIN projects p ON p.id = v.project_id JOIN sources s ON s.key = v.source_key JOIN indicators i ON i.code = v.indicator_code WHERE p.key LIKE $1',
      ['bulk-%'],
    );
    expect(n).toBe(250 * validProjectFile().indicators.length);
    // The pool's connections are back to checked writes: a dangling row is refused by PostgreSQL itself.
    await expect(
      db.dataSource.query(
        "INSERT INTO indicator_values (project_id, source_key, indicator_code, value, qualifier, basis) VALUES ($1, 'nowhere', 'nothing', 1, 'EXACT', 'PLANNED')",
        [ids[0]],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('keeps the total of projects through a deletion and a TRUNCATE, in the transaction that makes them', async () => {
    const before = await countProjects();
    expect(before).toBeGreaterThan(250);
    const runner = db.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const run = (text: string) => runner.query(text);
      await run("DELETE FROM projects WHERE key LIKE 'bulk-1%'");
      const [{ n }] = await run('SELECT count(*)::int AS n FROM projects');
      expect(n).toBeLessThan(before);
      expect(await keptTotal(run)).toBe(n);
      // Not yet committed: the rest of the hub still reads the total before the deletion.
      expect(await keptTotal()).toBe(before);
      await run('TRUNCATE projects CASCADE');
      expect(await keptTotal(run)).toBe(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await keptTotal()).toBe(before);
  });

  it('keeps the row-by-row checks for a role that may not turn them off (an external server), and imports all the same', async () => {
    const role = `hub_limited_${Date.now().toString(36)}`;
    await db.dataSource.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited' NOSUPERUSER`);
    await db.dataSource.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
    await db.dataSource.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    const limited = createDataSource({ url: db.url.replace(/\/\/[^@/]*@/, `//${role}:limited@`) });
    await limited.initialize();
    try {
      await expect(limited.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
      const files = Array.from({ length: 220 }, (_v, index) =>
        asFile(
          validProjectFile({ key: `limited-${index}`, registrationNumber: null, contracts: [] }),
          `limited-${index}.json`,
        ),
      );
      expect((await importProjectFiles(limited, files)).created).toHaveLength(220);
      const ids: number[] = (await db.dataSource.query("SELECT id FROM projects WHERE key LIKE 'limited-%'")).map(
        (row: { id: number }) => row.id,
      );
      expect(ids).toHaveLength(220);
      expect(await danglingReferences(db.dataSource.manager, ids)).toEqual([]);
    } finally {
      await limited.destroy();
      await db.dataSource.query(`DROP OWNED BY ${role}`);
      await db.dataSource.query(`DROP ROLE ${role}`);
    }
  });

  it('finds, after unchecked writes, every row whose reference points at nothing, naming table, columns and count', async () => {
    await db.dataSource
      .transaction(async (manager) => {
        const [{ id }] = await manager.query("SELECT id FROM projects WHERE key = 'kazanlak'");
        expect(await danglingReferences(manager, [id])).toEqual([]);
        await manager.query('SET LOCAL session_replication_role = replica');
        await manager.query(
          "INSERT INTO indicator_values (project_id, source_key, indicator_code, value, qualifier, basis) VALUES ($1, 'no-such-source', 'no-such-indicator', 1, 'EXACT', 'PLANNED')",
          [id],
        );
        await manager.query(
          "INSERT INTO funding_amounts (project_id, source_key, programme_code, kind, amount, currency, qualifier) VALUES ($1, 'no-such-source', NULL, 'TOTAL', 1, 'BGN', 'EXACT')",
          [id],
        );
        expect((await danglingReferences(manager, [id])).sort()).toEqual([
          '1 row(s) of funding_amounts reference a missing sources (source_key)',
          '1 row(s) of indicator_values reference a missing indicators (indicator_code)',
          '1 row(s) of indicator_values reference a missing sources (source_key)',
        ]);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    const [{ n }] = await db.dataSource.query(
      "SELECT count(*)::int AS n FROM indicator_values WHERE source_key = 'no-such-source'",
    );
    expect(n).toBe(0);
  });

  it('stages the sources of many files a batch at a time: each written once, revised only when it changes, and only it', async () => {
    const shared = (title: string) => ({
      key: 'batch-shared-page',
      url: 'https://example.org/shared',
      title,
      publisher: 'Община Бургас',
      publishedOn: '2022-05-01',
      kind: 'EXCERPT' as never,
      language: 'bg',
    });
    // 600 files given as text: pass 1 checks them in this thread, 250 to a batch, so the shared source comes in three batches.
    const files = (sharedTitle: string) =>
      Array.from({ length: 600 }, (_v, index) => {
        const own = `batch-own-page-${index}`;
        const document = validProjectFile({ key: `batch-sources-${index}`, registrationNumber: null, contracts: [] });
        const cite = <T extends { source: string }>(entries: T[]) =>
          entries.map((entry) => ({ ...entry, source: own }));
        return asFile(
          {
            ...document,
            sources: [{ ...document.sources[0], key: own }, shared(sharedTitle)],
            title: { ...document.title!, source: own },
            procedureCitations: cite(document.procedureCitations),
            period: cite(document.period),
            funding: cite(document.funding),
            indicators: cite(document.indicators),
          },
          `batch-${index}.json`,
        );
      });
    const revisions = async () =>
      (await db.dataSource.query(
        "SELECT s.key, s.revision, (SELECT count(*)::int FROM source_revisions r WHERE r.source_key = s.key) AS kept FROM sources s WHERE s.key LIKE 'batch-%' ORDER BY s.key",
      )) as { key: string; revision: number; kept: number }[];

    expect((await importProjectFiles(db.dataSource, files('Обща страница'))).counts.created).toBe(600);
    const created = await revisions();
    expect(created).toHaveLength(601);
    expect(created.every((row) => row.revision === 1 && row.kept === 0)).toBe(true);

    expect((await importProjectFiles(db.dataSource, files('Обща страница'))).counts.unchanged).toBe(600);
    expect(await revisions()).toEqual(created);

    await importProjectFiles(db.dataSource, files('Обща страница, обновена'), { author: 'cli' });
    const revised = await revisions();
    expect(revised.filter((row) => row.revision !== 1 || row.kept !== 0)).toEqual([
      { key: 'batch-shared-page', revision: 2, kept: 1 },
    ]);
    const [kept] = await db.dataSource.query(
      "SELECT revision, author, changed_fields, previous FROM source_revisions WHERE source_key = 'batch-shared-page'",
    );
    expect(kept).toEqual({
      revision: 2,
      author: 'cli',
      changed_fields: ['title'],
      previous: {
        url: 'https://example.org/shared',
        title: 'Обща страница',
        publisher: 'Община Бургас',
        publishedOn: '2022-05-01',
        kind: 'EXCERPT',
        language: 'bg',
        text: null,
      },
    });
  });

  it('never mixes synthetic benchmark data into the real dataset unless asked', async () => {
    const synthetic = validProjectFile({
      key: 'synthetic-test-1',
      synthetic: true,
      registrationNumber: null,
      contracts: [],
    });
    const errors = await refused([asFile(synthetic, 'synthetic.json')]);
    expect(errors).toEqual([
      {
        file: 'synthetic.json',
        path: '$.synthetic',
        code: 'SYNTHETIC_MIXING',
        reason: expect.stringMatching(/holds the real dataset/),
      },
    ]);
    const disguised = validProjectFile({ key: 'synthetic-test-2', registrationNumber: null, contracts: [] });
    expect(await refused([asFile(disguised, 'disguised.json')])).toContainEqual({
      file: 'disguised.json',
      path: '$.key',
      code: 'INVALID',
      reason: expect.stringMatching(/reserved for synthetic projects/),
    });
    expect(await importProjectFiles(db.dataSource, [asFile(synthetic)], { allowMixing: true })).toMatchObject({
      created: ['synthetic-test-1'],
    });
  });
});

/** One import may cite more sources than one statement can carry (PostgreSQL takes 65,535 parameters). */
describe('imports beyond the parameter limit of one statement', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('writes 20,000 distinct sources (140,000 values) inside one transaction: staged by COPY, written by three statements', async () => {
    const sources = Array.from({ length: 20_000 }, (_v, index) => ({
      key: `synthetic-source-${index}`,
      url: `https://example.org/${index}`,
      title: `Source ${index}`,
      publisher: 'Synthetic',
      publishedOn: null,
      kind: 'EXCERPT',
      language: 'bg',
    }));
    await db.dataSource.transaction((manager) => upsertSources(manager, sources as never));
    const [{ n }] = await db.dataSource.query(
      "SELECT count(*)::int AS n FROM sources WHERE key LIKE 'synthetic-source-%'",
    );
    expect(n).toBe(20_000);
  });
});

/** A key, a registration number and a source belong to one project or municipality: a file cannot take them silently. */
describe('ownership: what a file may not take from another project', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
  });
  afterAll(() => db.drop());

  const refusal = async (files: { name: string; content: string }[], options = {}) => {
    const before = await db.dataSource.query(
      'SELECT key, municipality_code, registration_number FROM projects ORDER BY key',
    );
    const error = await importProjectFiles(db.dataSource, files, options).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportValidationError);
    expect(
      await db.dataSource.query('SELECT key, municipality_code, registration_number FROM projects ORDER BY key'),
    ).toEqual(before);
    return (error as ImportValidationError).errors;
  };

  it('refuses a file that would move an existing project to another municipality, naming both (MUNICIPALITY_CHANGE)', async () => {
    // A copied file that still carries Kazanlak's key, for Ruse.
    const errors = await refusal([
      asFile(
        validProjectFile({ key: 'kazanlak', municipalityCode: 'RSE27', registrationNumber: null, contracts: [] }),
        'copied.json',
      ),
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'copied.json',
        path: '$.municipalityCode',
        code: 'MUNICIPALITY_CHANGE',
        reason: expect.stringMatching(
          /project "kazanlak" belongs to SZR12 \(Казанлък\); this file would move it to RSE27 \(Русе\)/,
        ),
      }),
    ]);
  });

  it('refuses a registration number another project holds, naming that project (REGISTRATION_NUMBER_TAKEN)', async () => {
    const errors = await refusal([
      asFile(
        validProjectFile({
          key: 'new-project',
          contracts: [],
          registrationNumber: {
            value: 'BG05M9OP001-2.056-0020',
            asPublished: 'BG05M9OP001-2.056-0020',
            source: 'test-source',
          },
        }),
        'taken.json',
      ),
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        path: '$.registrationNumber.value',
        code: 'REGISTRATION_NUMBER_TAKEN',
        reason: expect.stringContaining('"kazanlak"'),
      }),
    ]);
  });

  it("refuses rewriting a stored source that another municipality's project cites (SOURCE_CITED_ELSEWHERE); the same source unchanged is fine", async () => {
    const [stored] = await db.dataSource.query(
      "SELECT key, url, title, publisher, published_on, kind, language FROM sources WHERE key = 'kazanlak-tvstz-project'",
    );
    const reused = {
      key: stored.key,
      url: stored.url,
      title: stored.title,
      publisher: stored.publisher,
      publishedOn: stored.published_on,
      kind: stored.kind,
      language: stored.language,
    };
    const file = (title: string) =>
      asFile(
        validProjectFile({
          key: 'burgas-copy',
          registrationNumber: null,
          contracts: [],
          sources: [...validProjectFile().sources, { ...reused, title } as never],
        }),
        'source.json',
      );
    const errors = await refusal([file('A new title')]);
    expect(errors).toEqual([
      expect.objectContaining({
        path: '$.sources[1]',
        code: 'SOURCE_CITED_ELSEWHERE',
        reason: expect.stringContaining('SZR12'),
      }),
    ]);
    await expect(importProjectFiles(db.dataSource, [file(stored.title)])).resolves.toMatchObject({
      created: ['burgas-copy'],
    });
  });
});

/** What wins at start: a project an import changed after its seed was loaded stays as the import wrote it. */
describe('seeds at start and later imports', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
  });
  afterAll(() => db.drop());

  it('never overwrites a project an import changed; --as-seed (origin SEED) brings the curated version back', async () => {
    const logger = createLogger('silent');
    const seeds = seedProjectFiles(path.join(ROOT, 'seeds'));
    const pernik = JSON.parse(fileContent(seeds.find((file) => file.name.endsWith('pernik.json'))!));
    const edited = { ...pernik, notes: [...pernik.notes, 'A note an editor added.'] };
    await importProjectFiles(db.dataSource, [asFile(edited, 'pernik-edited.json')]);
    await loadSeeds(db.dataSource, path.join(ROOT, 'seeds'), logger);
    const [afterStart] = await db.dataSource.query("SELECT notes, origin, revision FROM projects WHERE key = 'pernik'");
    expect(afterStart.notes).toContain('A note an editor added.');
    expect(afterStart.origin).toBe('IMPORT');

    await importProjectFiles(db.dataSource, [asFile(pernik, 'pernik.json')], { origin: 'SEED' });
    await loadSeeds(db.dataSource, path.join(ROOT, 'seeds'), logger);
    const [back] = await db.dataSource.query("SELECT notes, origin FROM projects WHERE key = 'pernik'");
    expect(back).toEqual({ notes: pernik.notes, origin: 'SEED' });
  });
});

describe('warnings that do not refuse a file', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
  });
  afterAll(() => db.drop());

  it('MUNICIPALITY_NOT_MENTIONED when nothing in the file names its municipality (a mistyped code, a copied file)', async () => {
    // A Ruse file with Burgas's code: the title names Русе, nothing names Бургас.
    const report = await importProjectFiles(db.dataSource, [
      asFile(
        validProjectFile({
          key: 'ruse-typo',
          registrationNumber: null,
          contracts: [],
          title: { value: 'Проект на Община Русе', source: 'test-source' },
        }),
        'typo.json',
      ),
    ]);
    expect(report.created).toEqual(['ruse-typo']);
    expect(report.warnings).toEqual([
      {
        file: 'typo.json',
        path: '$.municipalityCode',
        code: 'MUNICIPALITY_NOT_MENTIONED',
        message: expect.stringContaining('BGS04 (Бургас / Burgas)'),
      },
    ]);
    const clean = await importProjectFiles(db.dataSource, [
      asFile(validProjectFile({ key: 'burgas-ok', registrationNumber: null, contracts: [] }), 'ok.json'),
    ]);
    expect(clean.warnings).toEqual([]);
  });

  it('no curated seed file draws the warning', async () => {
    const report = await importProjectFiles(db.dataSource, seedProjectFiles(path.join(ROOT, 'seeds')), {
      origin: 'SEED',
    });
    expect(report.warnings).toEqual([]);
  });
});

describe('a byte-order mark', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
  });
  afterAll(() => db.drop());

  it('is dropped from a file given as text too (both passes of the import read it)', async () => {
    const file = {
      name: 'bom.json',
      content: `\ufeff${JSON.stringify(validProjectFile({ key: 'bom-text', registrationNumber: null, contracts: [] }))}`,
    };
    await expect(importProjectFiles(db.dataSource, [file])).resolves.toMatchObject({ created: ['bom-text'] });
  });
});
