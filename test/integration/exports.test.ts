import { parse } from 'csv-parse/sync';
import { startApiServer, type ApiServer } from '../helpers/api-server';

/**
 * Downloads as an analyst makes them: the same numbers as the API (the export runs the API's own
 * fields), every figure with its qualifier, basis, source URL and publisher, and a clear 400 naming a
 * bad parameter.
 */
describe('exports', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_MAX_COST: '1000000' } });
  });
  afterAll(() => api.close());

  const download = async (path: string) => {
    const response = await fetch(`${api.url}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      text: await response.text(),
    };
  };
  const csv = (text: string) => parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

  it('projects.csv: one row per project the filter keeps, budgets as exact decimals with currency and sources', async () => {
    const filter = encodeURIComponent(JSON.stringify({ oblastCodes: ['SZR'] }));
    const file = await download(`/export/projects.csv?filter=${filter}&currency=EUR`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe('attachment; filename="projects.csv"');
    const rows = csv(file.text);
    const { body } = await api.query(
      '{ projects(first: 100, filter: { oblastCodes: ["SZR"] }) { totalCount edges { node { key budget(currency: EUR) { amount } } } } }',
    );
    expect(rows.map((row) => row.key)).toEqual(body.data.projects.edges.map((edge: any) => edge.node.key));
    const kazanlak = rows.find((row) => row.key === 'kazanlak')!;
    const expected = body.data.projects.edges.find((edge: any) => edge.node.key === 'kazanlak').node.budget.amount;
    expect(kazanlak).toMatchObject({
      municipality_code: 'SZR12',
      municipality: 'Казанлък',
      total_budget: expected,
      currency: 'EUR',
      total_budget_qualifier: 'EXACT',
    });
    expect(kazanlak.total_budget_source_urls).toMatch(/^https?:\/\//);
    expect(kazanlak.total_budget_publishers).not.toBe('');
  });

  it('a byte-order mark for Excel on request; JSON lines with the API’s own objects', async () => {
    const withBom = Buffer.from(await (await fetch(`${api.url}/export/projects.csv?bom=1`)).arrayBuffer());
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.subarray(3, 13).toString()).toBe('key,title,');
    expect((await download('/export/projects.csv')).text.startsWith('key,title,')).toBe(true);
    const lines = (await download('/export/projects.jsonl')).text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(16);
    expect(lines.find((line) => line.key === 'burgas')).toMatchObject({
      budget: null,
      municipality: { code: 'BGS04' },
    });
  });

  it('indicator-values.csv: every outcome figure with basis, qualifier, source URL and publisher', async () => {
    const rows = csv((await download('/export/indicator-values.csv')).text);
    const { body } = await api.query('{ projects(first: 100) { edges { node { indicators { value } } } } }');
    expect(rows).toHaveLength(
      body.data.projects.edges.reduce((n: number, edge: any) => n + edge.node.indicators.length, 0),
    );
    const smolyan = rows.find(
      (row) =>
        row.project_key === 'smolyan' &&
        row.indicator_code === 'PERSONS_EMPLOYED' &&
        row.basis === 'ACHIEVED' &&
        row.breakdown === '',
    )!;
    expect(smolyan).toMatchObject({
      value: '98',
      qualifier: 'EXACT',
      source_key: 'smolyan-final-press-conference',
      verified: 'true',
    });
    for (const row of rows) {
      expect(['PLANNED', 'ACHIEVED']).toContain(row.basis);
      expect(row.qualifier).not.toBe('');
      expect(row.publisher).not.toBe('');
    }
  });

  it('comparison.csv and aggregate.csv: the API’s values, caveats and currency', async () => {
    const rows = csv(
      (
        await download(
          '/export/comparison.csv?metrics=COST_PER_PERSON_EMPLOYED,TOTAL_BUDGET&municipalityCodes=SZR12,SML31',
        )
      ).text,
    );
    expect(rows).toHaveLength(4);
    expect(
      rows.find((row) => row.municipality_code === 'SZR12' && row.metric === 'COST_PER_PERSON_EMPLOYED'),
    ).toMatchObject({
      value: '13030.96',
      currency: 'BGN',
      rank: '1',
      numerator: '1198848.43',
      denominator: '92.00',
      basis: 'PLANNED',
      qualifier: 'EXACT',
      caveat_codes: expect.stringContaining('MIXED_BASIS'),
    });
    const groups = csv(
      (await download('/export/aggregate.csv?groupBy=PROGRAMME&measures=BUDGET_SUM,PROJECT_COUNT&currency=EUR')).text,
    );
    const { body } = await api.query(
      '{ aggregate(groupBy: [PROGRAMME], measures: [BUDGET_SUM, PROJECT_COUNT], currency: EUR) { keys { value } values { measure value } } }',
    );
    expect(groups.map((row) => [row.programme, row.budget_sum, row.budget_sum_currency, row.project_count])).toEqual(
      // CSV writes an absent key or value (the group of projects under no programme) as an empty cell.
      body.data.aggregate.map((group: any) => [
        group.keys[0].value ?? '',
        group.values[0].value ?? '',
        'EUR',
        group.values[1].value,
      ]),
    );
  });

  it.each([
    ['/export/projects.csv?colour=red', 'colour', /unknown parameter "colour"/],
    ['/export/projects.csv?filter={nope', 'filter', /must be JSON/],
    [
      `/export/projects.csv?filter=${encodeURIComponent('{"startDateFrom":"2021-13-01"}')}`,
      'filter.startDateFrom',
      /Date/,
    ],
    ['/export/projects.csv?currency=USD', 'currency', /USD/],
    ['/export/projects.csv?bom=yes', 'bom', /must be 1/],
    ['/export/comparison.csv', 'metrics', /required/],
    ['/export/comparison.csv?metrics=TOTAL_BUDGET,NOPE', 'metrics[1]', /NOPE/],
    ['/export/comparison.csv?metrics=TOTAL_BUDGET&municipalityCodes=XYZ99', 'municipalityCodes', /XYZ99/],
    [
      '/export/aggregate.csv?groupBy=ACTIVITY_CATEGORY&measures=BUDGET_SUM',
      'measures',
      /cannot be grouped by ACTIVITY_CATEGORY/,
    ],
  ])('%s → 400 naming %s', async (path, parameter, message) => {
    const response = await fetch(`${api.url}${path}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; parameter: string; message: string };
    expect(body).toMatchObject({ error: 'BAD_REQUEST', parameter });
    expect(body.message).toMatch(message);
  });

  it('runs at most HUB_EXPORT_CONCURRENCY exports at once (429 beyond), while the API keeps answering', async () => {
    const limited = await startApiServer({ env: { HUB_EXPORT_CONCURRENCY: '1' } });
    const blocker = limited.db.dataSource.createQueryRunner();
    try {
      // Hold the projects table: the first export's first page waits for it.
      await blocker.startTransaction();
      await blocker.query('LOCK TABLE projects IN ACCESS EXCLUSIVE MODE');
      const first = fetch(`${limited.url}/export/projects.csv`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await fetch(`${limited.url}/export/projects.jsonl`);
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('5');
      expect(((await second.json()) as { error: string }).error).toBe('THROTTLED');
      const tiny = await limited.query('{ procedure(code: "BG05M9OP001-2.056") { code } }');
      expect(tiny.body.data.procedure.code).toBe('BG05M9OP001-2.056');
      await blocker.commitTransaction();
      const done = await first;
      expect(done.status).toBe(200);
      expect((await done.text()).trim().split('\n')).toHaveLength(17);
      expect((await fetch(`${limited.url}/export/projects.jsonl`)).status).toBe(200);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
      await limited.close();
    }
  });
});
