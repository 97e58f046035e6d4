import { importProjectFiles } from '../../src/ingest/import-projects';
import { ensureComparisonCells } from '../../src/modules/comparison/comparison-store';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { asFile, validProjectFile } from '../helpers/project-file';

/**
 * The comparison reads cells the importer maintains. What a user would notice if they went stale:
 * a new project missing from the comparison, a failed import showing half its figures, a moved
 * project counted twice, or a rebuilt database answering differently.
 */
describe('precomputed comparison cells', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  const ALL = `query($basis: ComparisonBasis, $currency: Currency, $codes: [String!]) {
    comparison(metrics: [TOTAL_BUDGET, OP_HRD_BUDGET, OP_SESG_BUDGET, EDUCATION_SHARE, EU_SHARE, DURATION_MONTHS, MONTHLY_SPEND,
      PERSONS_EMPLOYED, COST_PER_PERSON_EMPLOYED, CHILDREN_REACHED, EDUCATION_COST_PER_CHILD, PARTNER_SCHOOLS, PARTNER_KINDERGARTENS,
      BUDGET_PER_RESIDENT], basis: $basis, currency: $currency, municipalityCodes: $codes) {
      rows { municipality { code } projects { key } cells { metric value rank numerator denominator basis qualifier caveats { code message } sources { key } } }
      summary { metric basis count min max mean median } } }`;
  const everything = async (codes?: string[]) => {
    const answers = [];
    for (const basis of ['PLANNED', 'ACHIEVED', 'BEST_AVAILABLE']) {
      for (const currency of ['BGN', 'EUR']) {
        const { body } = await api.query(ALL, { basis, currency, codes });
        expect(body.errors).toBeUndefined();
        answers.push(body.data.comparison);
      }
    }
    return answers;
  };
  const cellOf = (comparison: any, code: string, metric: string) =>
    comparison.rows
      .find((row: any) => row.municipality.code === code)
      ?.cells.find((cell: any) => cell.metric === metric);

  it('answers the same after every cell is rebuilt from the stored projects', async () => {
    const before = await everything();
    await api.db.dataSource.query('DELETE FROM comparison_cells');
    await api.db.dataSource.query('DELETE FROM comparison_cell_details');
    await api.db.dataSource.query('DELETE FROM comparison_rows');
    await api.db.dataSource.query("DELETE FROM reference_data WHERE name = 'comparison-rules'");
    expect((await api.query(ALL, {})).body.data.comparison.rows).toEqual([]);
    expect(await api.db.dataSource.transaction((manager) => ensureComparisonCells(manager))).toBe(true);
    expect(await everything()).toEqual(before);
    // Nothing to do the second time.
    expect(await api.db.dataSource.transaction((manager) => ensureComparisonCells(manager))).toBe(false);
  });

  it('shows an imported project at once, leaves it out when its import fails, and follows a move', async () => {
    const [pernikBefore] = await everything(['GAB05']);
    expect(pernikBefore.rows[0].projects).toEqual([]);
    const project = validProjectFile({
      key: 'gabrovo-cells',
      municipalityCode: 'GAB05',
      registrationNumber: null,
      contracts: [],
      title: { value: 'Проект на община Габрово', source: 'test-source' },
    });
    // One bad file: nothing of the good one reaches the comparison either.
    const broken = asFile({ ...project, key: 'gabrovo-broken', funding: 'many' }, 'broken.json');
    await expect(importProjectFiles(api.db.dataSource, [asFile(project, 'good.json'), broken])).rejects.toThrow();
    expect(cellOf((await everything(['GAB05']))[0], 'GAB05', 'TOTAL_BUDGET').value).toBeNull();

    await importProjectFiles(api.db.dataSource, [asFile(project)]);
    const [planned] = await everything(['GAB05']);
    expect(planned.rows[0].projects).toEqual([{ key: 'gabrovo-cells' }]);
    expect(cellOf(planned, 'GAB05', 'TOTAL_BUDGET')).toMatchObject({
      value: '1000.00',
      qualifier: 'EXACT',
      sources: [{ key: 'test-source' }],
    });
    expect(cellOf(planned, 'GAB05', 'PERSONS_EMPLOYED')).toMatchObject({ value: '10.00', basis: 'PLANNED' });

    // Moved (an administrator's decision) to Sofia: Gabrovo loses it, Sofia gains it, nobody counts it twice.
    const moved = {
      ...project,
      municipalityCode: 'SOF46',
      title: { value: 'Проект на Столична община', source: 'test-source' },
    };
    await importProjectFiles(api.db.dataSource, [asFile(moved)], { allowMunicipalityChange: true });
    const [after] = await everything(['GAB05', 'SOF46']);
    expect(after.rows.map((row: any) => [row.municipality.code, row.projects.map((p: any) => p.key)])).toEqual([
      ['GAB05', []],
      ['SOF46', ['gabrovo-cells']],
    ]);
    expect(cellOf(after, 'GAB05', 'TOTAL_BUDGET').caveats[0].message).toMatch(/no project/);
    expect(cellOf(after, 'SOF46', 'TOTAL_BUDGET').value).toBe('1000.00');
  });

  it('costs caveats and sources by the longest lists stored, and follows an import that lengthens them', async () => {
    const query =
      '{ comparison(municipalityCodes: ["SZR12"], metrics: [TOTAL_BUDGET]) { rows { cells { caveats { code } sources { key } } } } }';
    const longest = async () =>
      (
        await api.db.dataSource.query(
          `SELECT max((cell ->> 'caveatCount')::int) AS caveats, max((cell ->> 'sourceCount')::int) AS sources,
                  (SELECT value::int FROM data_sizes WHERE name = 'text:Source.key') AS "keyBytes" FROM comparison_cells`,
        )
      )[0];
    // The comparison, its one row (one code asked) and the row's one cell (one metric asked): a point each; then
    // the cell's caveats (the most stored, and MIXED_BASIS) of 2 points (the object, its code), and its sources
    // (the most stored), each an object and its key: `"key":"…",` in points of 64 bytes.
    const expected = ({ caveats, sources, keyBytes }: { caveats: number; sources: number; keyBytes: number }) =>
      3 + (caveats + 1) * 2 + sources * (1 + Math.ceil((3 + 4 + keyBytes) / 64));
    const before = await api.query(query);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.extensions.cost.requestedQueryCost).toBe(expected(await longest()));
    expect(before.body.extensions.cost.requestedQueryCost).toBeGreaterThanOrEqual(
      before.body.extensions.cost.actualQueryCost,
    );

    // Eight projects in one municipality, each with its own source: 8 sources and a MULTIPLE_PROJECTS caveat per cell.
    const files = Array.from({ length: 8 }, (_v, index) =>
      asFile(
        validProjectFile({
          key: `lovech-${index}`,
          municipalityCode: 'LOV18',
          registrationNumber: null,
          contracts: [],
          title: { value: 'Проект на община Ловеч', source: `lovech-source-${index}` },
          sources: [
            {
              key: `lovech-source-${index}`,
              url: `https://example.org/lovech/${index}`,
              title: 'Община Ловеч',
              publisher: 'Община Ловеч',
              publishedOn: '2022-05-01',
              kind: 'EXCERPT' as never,
              language: 'bg',
            },
          ],
          procedureCitations: [{ quote: 'по процедура BG05M9OP001-2.056', source: `lovech-source-${index}` }],
          period: [],
          funding: [
            {
              programme: null,
              kind: 'TOTAL' as never,
              amount: '1000.00',
              currency: 'BGN',
              qualifier: 'EXACT' as never,
              asPublished: '1 000 лв.',
              source: `lovech-source-${index}`,
            },
          ],
          indicators: [],
        }),
        `lovech-${index}.json`,
      ),
    );
    await importProjectFiles(api.db.dataSource, files);
    const sizes = await longest();
    expect(sizes.sources).toBeGreaterThanOrEqual(8);
    // The import's notification reaches the hub's listener, which reads the new maxima.
    let after = await api.query(query);
    for (let tries = 0; tries < 50 && after.body.extensions.cost.requestedQueryCost !== expected(sizes); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await api.query(query);
    }
    expect(after.body.extensions.cost.requestedQueryCost).toBe(expected(sizes));
    expect(after.body.extensions.cost.requestedQueryCost).toBeGreaterThan(
      before.body.extensions.cost.requestedQueryCost,
    );
  });
});
