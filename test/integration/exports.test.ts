import http from 'node:http';
import net from 'node:net';
import { parse } from 'csv-parse/sync';
import { importProjectFiles } from '../../src/ingest/import-projects';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { asFile, validProjectFile } from '../helpers/project-file';

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
      revision: response.headers.get('x-data-revision'),
      text: await response.text(),
    };
  };
  const csv = (text: string) => parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

  it('projects.csv: one row per project the filter keeps, budgets as exact decimals with currency and sources', async () => {
    const filter = encodeURIComponent(JSON.stringify({ oblastCodes: ['SZR'] }));
    const file = await download(`/export/projects.csv?filter=${filter}&currency=EUR`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    // The file names the data revision it was read at (the imports so far).
    const [{ revision }] = await api.db.dataSource.query('SELECT revision::int FROM data_revision');
    expect(file.disposition).toBe(`attachment; filename="projects-r${revision}.csv"`);
    expect(file.revision).toBe(String(revision));
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

  it.each([
    ['/export/projects.csv?filter=%7B%22titleContains%22%3A%22a%5Cu0000b%22%7D', 'filter.titleContains'],
    ['/export/projects.csv?filter=%7B%22titleContains%22%3A%22%5Cud800%22%7D', 'filter.titleContains'],
    ['/export/comparison.csv?metrics=TOTAL_BUDGET&municipalityCodes=SZR%0012', 'municipalityCodes'],
  ])('%s → 400 naming %s (a NUL byte or lone surrogate), never a 500', async (path, parameter) => {
    const response = await fetch(`${api.url}${path}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'BAD_REQUEST', parameter });
  });
});

describe('exports under load: one snapshot per file, slow readers cut off, a fair share of slots', () => {
  let api: ApiServer;
  const KEYS = 400;
  /** Projects with 30 outcome figures each (4 pages of indicator values, 10 MB), the figures offset by `shift`. */
  const files = (shift: number) =>
    Array.from({ length: KEYS }, (_v, index) =>
      asFile(
        validProjectFile({
          key: `snapshot-${index}`,
          registrationNumber: null,
          contracts: [],
          indicators: Array.from({ length: 30 }, (_w, part) => ({
            code: 'PEOPLE_REACHED',
            value: shift + part,
            qualifier: 'EXACT' as never,
            basis: 'PLANNED' as never,
            asOf: null,
            breakdown: `част ${part} ${'(разбивка по групи) '.repeat(12)}`,
            asPublished: `${shift + part} участници`,
            source: 'test-source',
          })),
        }),
        `snapshot-${index}.json`,
      ),
    );
  // Two hubs: one patient with a reader that pauses while an import runs, one that cuts such a reader off in 1.5 s.
  let impatient: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_EXPORT_WRITE_TIMEOUT_MS: '120000' } });
    impatient = await startApiServer({
      env: { HUB_EXPORT_CONCURRENCY: '3', HUB_EXPORT_PER_CLIENT: '1', HUB_EXPORT_WRITE_TIMEOUT_MS: '1500' },
    });
    await importProjectFiles(api.db.dataSource, files(1000));
    await importProjectFiles(impatient.db.dataSource, files(1000));
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await impatient.close();
  });

  /** Starts a download that reads nothing until `resume`; `ended` says whether the hub finished sending. */
  function pausedDownload(path: string, localAddress = '127.0.0.1') {
    return new Promise<{ headers: http.IncomingHttpHeaders; resume: () => Promise<string>; ended: () => boolean }>(
      (resolve, reject) => {
        const request = http.get(`${api.url}${path}`, { localAddress }, (response) => {
          response.pause();
          let ended = false;
          let closed = false;
          response.on('end', () => (ended = true));
          response.on('close', () => (closed = true));
          resolve({
            headers: response.headers,
            ended: () => ended || closed,
            resume: () =>
              new Promise((done) => {
                const chunks: Buffer[] = [];
                response.on('data', (chunk: Buffer) => chunks.push(chunk));
                response.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
                response.on('error', () => done(Buffer.concat(chunks).toString('utf8')));
                response.on('aborted', () => done(Buffer.concat(chunks).toString('utf8')));
                response.resume();
              }),
          });
        });
        request.on('error', reject);
      },
    );
  }

  it('reads a file from one state of the data, though an import commits while it is sent', async () => {
    const paused = await pausedDownload('/export/indicator-values.csv');
    const before = paused.headers['x-data-revision'];
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The hub waits for the reader in the first pages; the import changes every figure meanwhile and commits.
    expect(paused.ended()).toBe(false);
    await importProjectFiles(api.db.dataSource, files(5000));
    const rows = parse(await paused.resume(), { columns: true }) as Record<string, string>[];
    const ours = rows.filter((row) => row.project_key.startsWith('snapshot-'));
    expect(ours).toHaveLength(KEYS * 30);
    // Every figure as before the import: the later pages were read in the same snapshot.
    expect(ours.filter((row) => Number(row.value) >= 5000)).toEqual([]);
    const after = await fetch(`${api.url}/export/indicator-values.csv`);
    expect(Number(after.headers.get('x-data-revision'))).toBe(Number(before) + 1);
    expect(await after.text()).toMatch(/,5000(\.0+)?,/);
  }, 60_000);

  it('cuts off a reader that takes nothing, and a client gets one export at a time', async () => {
    const status = (path: string, localAddress: string) =>
      new Promise<number>((resolve, reject) =>
        http
          .get(`${impatient.url}${path}`, { localAddress }, (response) => {
            response.resume();
            resolve(response.statusCode!);
          })
          .on('error', reject),
      );
    // A reader that asks and then reads nothing (its socket never read: the kernel's buffers fill, then the hub's).
    const { hostname, port } = new URL(impatient.url);
    const reader = net.connect({ host: hostname, port: Number(port), localAddress: '127.0.0.5' });
    reader.on('error', () => undefined);
    reader.write('GET /export/indicator-values.csv HTTP/1.1\r\nHost: hub\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    // The same address may not start a second export while its first is held; another address may.
    expect(await status('/export/projects.csv', '127.0.0.5')).toBe(429);
    expect(await status('/export/projects.csv', '127.0.0.6')).toBe(200);
    // Cut off after the write timeout (1.5 s) without progress: its slot is free again.
    let freed = 429;
    while (freed === 429 && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      freed = await status('/export/projects.csv', '127.0.0.5');
    }
    expect(freed).toBe(200);
    expect(Date.now() - started).toBeGreaterThan(1_000);
    // The write timeout and the time the hub takes to fill the reader's socket buffers first (some 2.5 s on a
    // loaded 2-core machine): well before the loop above would give up.
    expect(Date.now() - started).toBeLessThan(1_500 + 6_000);
    reader.destroy();
  }, 30_000);
});
