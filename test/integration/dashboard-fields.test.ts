import { importProjectFiles } from '../../src/ingest/import-projects';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { asFile, validProjectFile } from '../helpers/project-file';

/**
 * The fields the dashboard's citations and English view read: the data revision an answer was read at
 * (moved on by every committed import), and an aggregate group's label in Latin letters; each with its
 * cost and its abuse case.
 */
describe('dataRevision, AggregateKey.labelLatin and ComparisonCell.caveatCount', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  it('dataRevision: costs like one small object; 30 aliases of it are refused before any SQL', async () => {
    const one = await api.query('{ dataRevision { revision } }');
    expect(one.body.extensions.cost.requestedQueryCost).toBeLessThanOrEqual(5);
    const aliases = Array.from({ length: 31 }, (_v, index) => `a${index}: dataRevision { revision }`).join(' ');
    const refused = await api.query(`{ ${aliases} }`);
    expect(refused.body.errors?.[0].extensions.code).toMatch(
      /BAD_USER_INPUT|QUERY_TOO_COMPLEX|GRAPHQL_VALIDATION_FAILED/,
    );
    expect(refused.statements).toEqual([]);
  });

  it('labelLatin: official Latin names of municipalities and oblasts, programmes’ short codes; looked up only when selected', async () => {
    const municipalities = await api.query(
      '{ aggregate(groupBy: [MUNICIPALITY, PROGRAMME], measures: [PROJECT_COUNT]) { keys { value label labelLatin } } }',
    );
    expect(municipalities.body.errors).toBeUndefined();
    const kazanlak = municipalities.body.data.aggregate.find(
      (group: any) => group.keys[0].value === 'SZR12' && group.keys[1].value === 'BG05M9OP001',
    );
    expect(kazanlak.keys).toEqual([
      { value: 'SZR12', label: 'Казанлък', labelLatin: 'Kazanlak' },
      { value: 'BG05M9OP001', label: 'ОП РЧР', labelLatin: 'OP_HRD' },
    ]);
    const oblasts = await api.query(
      '{ aggregate(groupBy: [OBLAST], measures: [PROJECT_COUNT]) { keys { value label labelLatin } } }',
    );
    expect(oblasts.body.data.aggregate.find((group: any) => group.keys[0].value === 'SZR').keys[0]).toEqual({
      value: 'SZR',
      label: 'Стара Загора',
      labelLatin: 'Stara Zagora',
    });
    // Not selected: not looked up; selected, one statement all the same.
    const lean = await api.query(
      '{ aggregate(groupBy: [MUNICIPALITY], measures: [PROJECT_COUNT]) { keys { value label } } }',
    );
    expect(lean.statements.join('\n')).not.toMatch(/name_latin/);
    expect(municipalities.statements.filter((statement) => /GROUP BY/.test(statement))).toHaveLength(1);
    // Its bytes are costed before it runs: more than without it.
    const without = await api.query(
      '{ aggregate(groupBy: [MUNICIPALITY, PROGRAMME], measures: [PROJECT_COUNT]) { keys { value label } } }',
    );
    expect(municipalities.body.extensions.cost.requestedQueryCost).toBeGreaterThan(
      without.body.extensions.cost.requestedQueryCost,
    );
  });

  it.each(['BEST_AVAILABLE', 'PLANNED', 'ACHIEVED'])(
    'caveatCount (%s): the number of caveats of every cell of every metric, read without the cells’ details',
    async (basis) => {
      const keys = (await api.query('{ metrics { key } }')).body.data.metrics.map((metric: any) => metric.key);
      const both = await api.query(
        `query($basis: ComparisonBasis!) { comparison(metrics: [${keys.join(', ')}], basis: $basis, municipalityCodes: ["SZR12", "SML31", "PAZ08", "VAR06", "GAB05"]) { rows { cells { caveatCount caveats { code } } } } }`,
        { basis },
      );
      const cells = both.body.data.comparison.rows.flatMap((row: any) => row.cells);
      expect(cells.length).toBe(5 * keys.length);
      expect(cells.filter((cell: any) => cell.caveatCount !== cell.caveats.length)).toEqual([]);
      // MIXED_BASIS (written per request) and a municipality without a project are counted too.
      expect(cells.some((cell: any) => cell.caveatCount > 0)).toBe(true);
      const countOnly = await api.query(
        `query($basis: ComparisonBasis!) { comparison(metrics: [${keys.join(', ')}], basis: $basis) { rows { cells { value caveatCount } } } }`,
        { basis },
      );
      expect(countOnly.body.errors).toBeUndefined();
      // The caveats themselves are read from the cells' details; their count is not.
      expect(both.statements.join('\n')).toMatch(/details/);
      expect(countOnly.statements.join('\n')).not.toMatch(/details/);
    },
  );

  // Last: the import's notification refreshes the data sizes in the background, a statement another test
  // counting its own would see.
  it('dataRevision: the revision and its time, moved on by an import that commits, with one statement', async () => {
    const before = await api.query('{ dataRevision { revision changedAt } }');
    expect(before.body.errors).toBeUndefined();
    const { revision, changedAt } = before.body.data.dataRevision;
    expect(Number.isInteger(revision)).toBe(true);
    expect(Date.parse(changedAt)).not.toBeNaN();
    expect(before.statements.filter((statement) => /data_revision/.test(statement))).toHaveLength(1);
    await importProjectFiles(api.db.dataSource, [
      asFile(validProjectFile({ key: 'revision-gabrovo', municipalityCode: 'GAB05' })),
    ]);
    const after = await api.query('{ dataRevision { revision changedAt } }');
    expect(after.body.data.dataRevision.revision).toBe(revision + 1);
    expect(Date.parse(after.body.data.dataRevision.changedAt)).toBeGreaterThanOrEqual(Date.parse(changedAt));
  });
});
