import { startApiServer, type ApiServer } from '../helpers/api-server';

/** Cross-municipality comparison and grouped aggregates, against values computed by hand from the sources. */
describe('comparison and aggregates', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  const data = async (query: string, variables?: Record<string, unknown>) => {
    const { body } = await api.query(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const CELL = 'metric value rank numerator denominator basis qualifier caveats { code message } sources { key }';
  const cellsOf = (comparison: any, code: string) =>
    Object.fromEntries(
      comparison.rows.find((row: any) => row.municipality.code === code).cells.map((cell: any) => [cell.metric, cell]),
    );

  it('states every metric with its formula', async () => {
    const { metrics } = await data(
      '{ metrics { key name nameEn unit numerator denominator rankDirection usesBasis } }',
    );
    expect(metrics).toHaveLength(16);
    expect(metrics.find((metric: any) => metric.key === 'COST_PER_PERSON_EMPLOYED')).toMatchObject({
      unit: 'MONEY_PER_PERSON',
      rankDirection: 'LOWEST_FIRST',
      usesBasis: true,
      numerator: expect.stringContaining('BG05M9OP001'),
      denominator: expect.stringContaining('PERSONS_EMPLOYED'),
    });
  });

  it('cost per person employed: Kazanlak 13 030,96 planned, Smolyan 12 076,11 achieved, both flagged MIXED_BASIS', async () => {
    const { comparison } =
      await data(`{ comparison(municipalityCodes: ["SZR12", "SML31"], metrics: [COST_PER_PERSON_EMPLOYED]) {
      basis rows { municipality { code } cells { ${CELL} } } summary { metric basis count min max mean median } } }`);
    expect(comparison.basis).toBe('BEST_AVAILABLE');
    const kazanlak = cellsOf(comparison, 'SZR12').COST_PER_PERSON_EMPLOYED;
    const smolyan = cellsOf(comparison, 'SML31').COST_PER_PERSON_EMPLOYED;
    expect(kazanlak).toMatchObject({
      value: '13030.96',
      numerator: '1198848.43',
      denominator: '92.00',
      basis: 'PLANNED',
      qualifier: 'EXACT',
      rank: 1,
    });
    expect(smolyan).toMatchObject({
      value: '12076.11',
      numerator: '1183459.15',
      denominator: '98.00',
      basis: 'ACHIEVED',
      qualifier: 'EXACT',
      rank: 1,
    });
    for (const cell of [kazanlak, smolyan]) expect(cell.caveats.map((item: any) => item.code)).toContain('MIXED_BASIS');
    expect(smolyan.sources).toEqual([{ key: 'smolyan-final-press-conference' }]);
    // Planned and achieved are summarised apart, never together.
    expect(comparison.summary).toEqual([
      {
        metric: 'COST_PER_PERSON_EMPLOYED',
        basis: 'PLANNED',
        count: 1,
        min: '13030.96',
        max: '13030.96',
        mean: '13030.96',
        median: '13030.96',
      },
      {
        metric: 'COST_PER_PERSON_EMPLOYED',
        basis: 'ACHIEVED',
        count: 1,
        min: '12076.11',
        max: '12076.11',
        mean: '12076.11',
        median: '12076.11',
      },
    ]);
  });

  it('Smolyan education spend per child reached: 389 958,50 ÷ 375 = 1 039,89 BGN', async () => {
    const { comparison } = await data(
      `{ comparison(municipalityCodes: ["SML31"], metrics: [EDUCATION_COST_PER_CHILD, CHILDREN_REACHED]) { rows { municipality { code } cells { ${CELL} } } } }`,
    );
    expect(cellsOf(comparison, 'SML31').EDUCATION_COST_PER_CHILD).toMatchObject({
      value: '1039.89',
      numerator: '389958.50',
      denominator: '375.00',
      basis: 'ACHIEVED',
      caveats: [],
    });
    expect(cellsOf(comparison, 'SML31').CHILDREN_REACHED).toMatchObject({ value: '375.00', basis: 'ACHIEVED' });
  });

  it('Kazanlak in EUR 795 245,09, education share 22,92 %, 23,67 BGN per resident; Smolyan 46,71', async () => {
    const eur = await data(
      `{ comparison(municipalityCodes: ["SZR12"], metrics: [TOTAL_BUDGET, OP_HRD_BUDGET], currency: EUR) { currency exchangeRate { bgnPerEur } rows { municipality { code } cells { ${CELL} } } } }`,
    );
    expect(eur.comparison.currency).toBe('EUR');
    expect(eur.comparison.exchangeRate).toEqual({ bgnPerEur: '1.95583' });
    expect(cellsOf(eur.comparison, 'SZR12').TOTAL_BUDGET.value).toBe('795245.09');
    expect(cellsOf(eur.comparison, 'SZR12').OP_HRD_BUDGET.value).toBe('612961.47');

    const bgn = await data(
      `{ comparison(municipalityCodes: ["SZR12", "SML31"], metrics: [EDUCATION_SHARE, BUDGET_PER_RESIDENT]) { rows { municipality { code } cells { ${CELL} } } } }`,
    );
    expect(cellsOf(bgn.comparison, 'SZR12').EDUCATION_SHARE).toMatchObject({
      value: '22.92',
      numerator: '356515.77',
      denominator: '1555364.20',
    });
    expect(cellsOf(bgn.comparison, 'SZR12').BUDGET_PER_RESIDENT).toMatchObject({
      value: '23.67',
      numerator: '1555364.20',
      denominator: '65721.00',
      rank: 2,
    });
    expect(cellsOf(bgn.comparison, 'SML31').BUDGET_PER_RESIDENT).toMatchObject({
      value: '46.71',
      denominator: '33688.00',
      rank: 1,
    });
    expect(cellsOf(bgn.comparison, 'SZR12').BUDGET_PER_RESIDENT.sources).toContainEqual({
      key: 'nsi-census-2021-municipalities',
    });
  });

  it('covers every municipality with a project by default, with nulls explained and never ranked', async () => {
    const { comparison } = await data(
      `{ comparison(metrics: [TOTAL_BUDGET, PERSONS_EMPLOYED, PARTNER_SCHOOLS]) { rows { municipality { code } projects { key } cells { ${CELL} } } summary { metric basis count median } } }`,
    );
    expect(comparison.rows).toHaveLength(16);
    const vidin = cellsOf(comparison, 'VID09').TOTAL_BUDGET;
    expect(vidin).toMatchObject({ value: null, rank: null });
    expect(vidin.caveats.map((item: any) => item.code)).toEqual(['CONTRADICTORY_SOURCES']);
    const montana = cellsOf(comparison, 'MON29').TOTAL_BUDGET;
    expect(montana.value).toBeNull();
    expect(montana.caveats.map((item: any) => item.code)).toEqual(['UNCONFIRMED_PROCEDURE', 'MISSING_NUMERATOR']);
    const plovdiv = cellsOf(comparison, 'PDV22').PERSONS_EMPLOYED;
    expect(plovdiv).toMatchObject({ value: '88.00', basis: 'ACHIEVED' });
    expect(plovdiv.caveats.map((item: any) => item.code)).toContain('PARTIAL_ACHIEVEMENT');
    expect(cellsOf(comparison, 'SHU30').PARTNER_SCHOOLS).toMatchObject({
      value: '0.00',
      qualifier: 'AT_LEAST',
      rank: null,
    });
    const ranks = comparison.rows
      .map((row: any) => cellsOf(comparison, row.municipality.code).TOTAL_BUDGET.rank)
      .filter((rank: any) => rank !== null)
      .sort();
    expect(ranks.sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Ten exact totals; the median is the mean of the 5th and 6th: (1 555 364,20 + 1 563 955,00) ÷ 2.
    expect(comparison.summary.find((item: any) => item.metric === 'TOTAL_BUDGET')).toEqual({
      metric: 'TOTAL_BUDGET',
      basis: null,
      count: 10,
      median: '1559659.60',
    });
  });

  it('uses only planned or only achieved figures when asked', async () => {
    const planned = await data(
      `{ comparison(municipalityCodes: ["SZR12", "SML31"], metrics: [PERSONS_EMPLOYED], basis: PLANNED) { rows { municipality { code } cells { ${CELL} } } } }`,
    );
    expect(cellsOf(planned.comparison, 'SZR12').PERSONS_EMPLOYED).toMatchObject({
      value: '92.00',
      basis: 'PLANNED',
      rank: 1,
    });
    expect(cellsOf(planned.comparison, 'SML31').PERSONS_EMPLOYED).toMatchObject({
      value: null,
      caveats: [{ code: 'MISSING_NUMERATOR', message: 'smolyan: no planned figure for PERSONS_EMPLOYED' }],
    });
  });

  it('refuses an unknown metric, an empty metric list and unknown municipalities', async () => {
    const literal = await api.query('{ comparison(metrics: [NOPE]) { currency } }');
    expect(literal.body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const variable = await api.query('query($m: [MetricKey!]!) { comparison(metrics: $m) { currency } }', {
      m: ['NOPE'],
    });
    expect(variable.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const empty = await api.query('{ comparison(metrics: []) { currency } }');
    expect(empty.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'metrics' });
    const unknown = await api.query(
      '{ comparison(municipalityCodes: ["XXX01"], metrics: [TOTAL_BUDGET]) { currency } }',
    );
    expect(unknown.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'municipalityCodes' });
  });

  it('aggregate by programme equals the sum of the per-programme amounts', async () => {
    const { aggregate } = await data(
      '{ aggregate(groupBy: [PROGRAMME], measures: [BUDGET_SUM, PROJECT_COUNT]) { keys { dimension value label } values { measure value currency } } }',
    );
    const perProgramme = await api.db.dataSource.query(
      `SELECT programme_code, sum(amount)::text AS total, count(*)::int AS projects FROM (
         SELECT DISTINCT project_id, programme_code, amount FROM funding_amounts
         WHERE programme_code IS NOT NULL AND kind = 'TOTAL' AND currency = 'BGN' AND qualifier = 'EXACT') amounts
       GROUP BY programme_code ORDER BY programme_code`,
    );
    expect(perProgramme).toEqual([
      // The six first projects, then Ruse 389 678,29 / 371 444,86, Kardzhali 308 330,74 / 1 158 902,72, Gotse Delchev
      // 204 345,84 / 569 878,59 and Velingrad 389 826,62 / 1 169 020,81 (OP SESG: 3 138 125,13 + 389 826,62 =
      // 3 527 951,75; OP HRD: 8 979 166,25 + 1 169 020,81 = 10 148 187,06); Burgas's OP HRD ceiling ("до 301 128,99")
      // is not an amount and is not added.
      { programme_code: 'BG05M2OP001', total: '3527951.75', projects: 10 },
      { programme_code: 'BG05M9OP001', total: '10148187.06', projects: 10 },
    ]);
    // Projects under each programme: the nine with amounts, and Burgas (only a ceiling under OP HRD, and a
    // partner school under OP SESG): counted as a project, its ceiling never added to the sum.
    const [{ withoutProgramme }] = await api.db.dataSource.query(
      `SELECT count(*)::int AS "withoutProgramme" FROM projects p
       WHERE NOT EXISTS (SELECT 1 FROM funding_amounts f WHERE f.project_id = p.id AND f.programme_code IS NOT NULL)`,
    );
    expect(withoutProgramme).toBeGreaterThan(0);
    expect(aggregate).toEqual([
      ...perProgramme.map((row: any) => ({
        keys: [
          {
            dimension: 'PROGRAMME',
            value: row.programme_code,
            label: row.programme_code === 'BG05M2OP001' ? 'ОП НОИР' : 'ОП РЧР',
          },
        ],
        values: [
          { measure: 'BUDGET_SUM', value: row.total, currency: 'BGN' },
          { measure: 'PROJECT_COUNT', value: `${row.projects + 1}`, currency: null },
        ],
      })),
      // Projects that state no amount under either programme are counted too, under no programme: never dropped.
      {
        keys: [{ dimension: 'PROGRAMME', value: null, label: null }],
        values: [
          { measure: 'BUDGET_SUM', value: null, currency: 'BGN' },
          { measure: 'PROJECT_COUNT', value: `${withoutProgramme}`, currency: null },
        ],
      },
    ]);
  });

  it('the dashboard’s aggregate by municipality and programme names the municipalities it cannot sum, and why', async () => {
    const { aggregate } = await data(`{ aggregate(groupBy: [MUNICIPALITY, PROGRAMME], measures: [BUDGET_SUM]) {
      keys { label } values { value leftOut leftOutReasons { reason projects } } } }`);
    // Every municipality with a project appears; those that state no amount under either programme (Stara Zagora and
    // Plovdiv give only an exact total) appear under no programme, left out with their reason.
    expect(new Set(aggregate.map((group: any) => group.keys[0].label)).size).toBe(16);
    expect(
      aggregate
        .filter((group: any) => group.keys[1].label === null)
        .map((group: any) => [group.keys[0].label, group.values[0].value, group.values[0].leftOutReasons]),
    ).toEqual(
      ['Монтана', 'Пловдив', 'Перник', 'Стара Загора', 'Свищов'].map((name) => [
        name,
        null,
        [{ reason: 'NO_AMOUNT', projects: 1 }],
      ]),
    );
  });

  it.each([
    ['MUNICIPALITY', 'PROJECT_COUNT, BUDGET_SUM'],
    ['MUNICIPALITY, PROGRAMME', 'BUDGET_SUM, BUDGET_AVG, PARTNER_COUNT'],
    ['PROGRAMME, FUNDING_KIND', 'BUDGET_MIN, BUDGET_MAX'],
    ['', 'BUDGET_SUM, PROJECT_COUNT'],
  ])(
    'aggregate by [%s] of %s: the same values whether labels and budgets left out are selected or not, computed only when they are',
    async (groupBy, measures) => {
      const full = await api.query(
        `{ aggregate(groupBy: [${groupBy}], measures: [${measures}]) { keys { value label } values { measure value leftOut } } }`,
      );
      // Through a fragment and an alias, as a client may ask.
      const lean = await api.query(
        `{ aggregate(groupBy: [${groupBy}], measures: [${measures}]) { keys { ...K } values { measure v: value } } } fragment K on AggregateKey { value }`,
      );
      expect(full.body.errors).toBeUndefined();
      expect(lean.body.errors).toBeUndefined();
      expect(lean.body.data.aggregate).toEqual(
        full.body.data.aggregate.map((group: any) => ({
          keys: group.keys.map(({ value }: any) => ({ value })),
          values: group.values.map(({ measure, value }: any) => ({ measure, v: value })),
        })),
      );
      const [leanSql] = lean.statements;
      if (groupBy.includes('MUNICIPALITY')) expect(full.statements[0]).toMatch(/SELECT name FROM municipalities/);
      expect(leanSql).not.toMatch(
        /SELECT name FROM municipalities|SELECT abbreviation FROM programmes|budget_left_out/,
      );
    },
  );

  it('aggregates in EUR, by several dimensions, with one SQL statement per call', async () => {
    const total = await api.query(
      '{ aggregate(groupBy: [], measures: [BUDGET_SUM, PROJECT_COUNT], currency: EUR) { values { measure value currency bgnPerEur } } }',
    );
    expect(total.body.data.aggregate).toEqual([
      {
        values: [
          // (10 675 554,42 of the first seven + 1 467 233,46 + 774 224,43 + 761 123,15) BGN ÷ 1,95583; Burgas's ceiling is left out.
          { measure: 'BUDGET_SUM', value: '6993519.61', currency: 'EUR', bgnPerEur: '1.95583' },
          { measure: 'PROJECT_COUNT', value: '16', currency: null, bgnPerEur: null },
        ],
      },
    ]);
    expect(total.statements).toHaveLength(1);
    const grouped = await api.query(
      '{ aggregate(groupBy: [MUNICIPALITY, PROGRAMME], measures: [BUDGET_SUM, PARTNER_COUNT], filter: { municipalityCodes: ["SZR12"] }) { keys { value } values { measure value } } }',
    );
    expect(grouped.statements).toHaveLength(1);
    expect(grouped.body.data.aggregate).toEqual([
      {
        keys: [{ value: 'SZR12' }, { value: 'BG05M2OP001' }],
        values: [
          { measure: 'BUDGET_SUM', value: '356515.77' },
          { measure: 'PARTNER_COUNT', value: '7' },
        ],
      },
      {
        keys: [{ value: 'SZR12' }, { value: 'BG05M9OP001' }],
        values: [
          { measure: 'BUDGET_SUM', value: '1198848.43' },
          { measure: 'PARTNER_COUNT', value: '2' },
        ],
      },
    ]);
    const indicators = await data(
      '{ aggregate(groupBy: [INDICATOR, BASIS], measures: [INDICATOR_SUM], filter: { hasIndicator: ["PERSONS_EMPLOYED"] }) { keys { value } values { value } } }',
    );
    expect(indicators.aggregate.filter((group: any) => group.keys[0].value === 'PERSONS_EMPLOYED')).toEqual([
      { keys: [{ value: 'PERSONS_EMPLOYED' }, { value: 'ACHIEVED' }], values: [{ value: '186.00' }] }, // Smolyan 98 + Plovdiv 88 (as of 2023-03-30)
      { keys: [{ value: 'PERSONS_EMPLOYED' }, { value: 'PLANNED' }], values: [{ value: '117.00' }] }, // Kazanlak 92 + Velingrad 25
    ]);
  });

  it.each([
    [
      'summing planned with achieved figures',
      '{ aggregate(groupBy: [INDICATOR], measures: [INDICATOR_SUM]) { keys { value } } }',
      /INDICATOR_SUM needs INDICATOR and BASIS/,
    ],
    [
      'budgets split by activity category',
      '{ aggregate(groupBy: [ACTIVITY_CATEGORY], measures: [BUDGET_SUM]) { keys { value } } }',
      /BUDGET_SUM cannot be grouped by ACTIVITY_CATEGORY/,
    ],
    ['no measure', '{ aggregate(groupBy: [MUNICIPALITY], measures: []) { keys { value } } }', /at least one measure/],
  ])('refuses %s with BAD_USER_INPUT naming the measures', async (_what, query, reason) => {
    const { body } = await api.query(query);
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'measures' });
    expect(body.errors![0].message).toMatch(reason);
  });

  it('runs the same number of statements for 2 municipalities and for all', async () => {
    const query = `query($codes: [String!]) { comparison(municipalityCodes: $codes, metrics: [TOTAL_BUDGET, COST_PER_PERSON_EMPLOYED, BUDGET_PER_RESIDENT, PARTNER_SCHOOLS]) {
      rows { municipality { name } cells { value sources { key url } } } } }`;
    const two = await api.query(query, { codes: ['SZR12', 'SML31'] });
    const all = await api.query(query, {});
    expect(two.body.errors).toBeUndefined();
    expect(all.body.data.comparison.rows).toHaveLength(16);
    // 1 code check (only with codes) + rows + stored cells + municipalities + the cells' source keys + sources.
    expect(two.statements).toHaveLength(6);
    expect(all.statements).toHaveLength(5);
  });
});
