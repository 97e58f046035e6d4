import { startApiServer, type ApiServer } from '../helpers/api-server';

/**
 * Velingrad (PAZ08), from its four pages in ../shared/sources: every expected figure is computed by hand
 * from the pages (the arithmetic is in the comments).
 */
describe('Velingrad', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  const data = async (query: string) => {
    const result = await api.query(query);
    expect(result.body.errors).toBeUndefined();
    return result.body.data;
  };
  const cellsOf = async (metrics: string, basis = 'BEST_AVAILABLE', currency = 'BGN') => {
    const { comparison } =
      await data(`{ comparison(municipalityCodes: ["PAZ08"], metrics: [${metrics}], basis: ${basis},
      currency: ${currency}) { rows { cells { metric value basis qualifier caveats { code message } sources { key } } } } }`);
    return Object.fromEntries(comparison.rows[0].cells.map((cell: any) => [cell.metric, cell]));
  };

  it('no exact total: budget null with its reason; "близо 1 560 000 лв." kept as an approximation, never the sum of the parts', async () => {
    const { project } = await data(`{ project(contractNumber: "BG05M9OP001-2.056-0009-C01") {
      key confirmation status budget { amount } qualityFlags { code } missing { field reason }
      funding { programme { code } kind qualifier amount { amount converted } eur: amount(currency: EUR) { amount }
        asPublished verified verification { quoteInSource valueInQuote } source { key } } } }`);
    expect(project).toMatchObject({ key: 'velingrad', confirmation: 'CONFIRMED', status: 'COMPLETED', budget: null });
    expect(project.qualityFlags).toEqual([]);
    expect(project.missing.find((entry: any) => entry.field === 'budget').reason).toMatch(/близо 1 560 000 лв\./);
    const total = project.funding.find((row: any) => row.programme === null);
    expect(total).toMatchObject({ kind: 'TOTAL', qualifier: 'APPROXIMATE', amount: { amount: '1560000.00' } });
    const hrd = project.funding.find((row: any) => row.programme?.code === 'BG05M9OP001' && row.kind === 'TOTAL');
    // 1 169 020,81 ÷ 1,95583 = 597 710,849…
    expect(hrd).toMatchObject({
      amount: { amount: '1169020.81', converted: false },
      eur: { amount: '597710.85' },
      asPublished: '1 169 020.81 лв.',
      verified: true,
      verification: { quoteInSource: true, valueInQuote: true },
    });
    // EU 993 667,69 + national 175 353,12 = 1 169 020,81: no SUM_MISMATCH.
    expect(
      project.funding
        .filter((row: any) => row.programme?.code === 'BG05M9OP001' && row.kind !== 'TOTAL')
        .map((row: any) => [row.kind, row.amount.amount]),
    ).toEqual([
      ['EU', '993667.69'],
      ['NATIONAL', '175353.12'],
    ]);
    // OP SESG: the municipality's "389 826.62 лв." and eumoney's "389,826.62" (no currency printed: BGN) agree.
    expect(
      project.funding
        .filter((row: any) => row.programme?.code === 'BG05M2OP001')
        .map((row: any) => [row.source.key, row.amount.amount, row.verification.valueInQuote]),
    ).toEqual(
      expect.arrayContaining([
        ['velingrad-velingrad-bg-final-press-conference-2023-09-27', '389826.62', true],
        ['velingrad-eumoney-2.056-0009-opsesg-contract', '389826.62', true],
      ]),
    );
  });

  it('cost per person employed (planned) 46 760,83 BGN = 1 169 020,81 ÷ 25; OP HRD EU share 85,00 %', async () => {
    const cells = await cellsOf('COST_PER_PERSON_EMPLOYED, OP_HRD_EU_SHARE, OP_SESG_EU_SHARE, TOTAL_BUDGET, EU_SHARE');
    expect(cells.COST_PER_PERSON_EMPLOYED).toMatchObject({ value: '46760.83', basis: 'PLANNED', qualifier: 'EXACT' });
    expect(cells.COST_PER_PERSON_EMPLOYED.sources.map((source: any) => source.key).sort()).toEqual([
      'velingrad-pa-media-project-start-2021-09',
      'velingrad-velingrad-bg-final-press-conference-2023-09-27',
    ]);
    // 993 667,69 ÷ 1 169 020,81 = 0,8500000013
    expect(cells.OP_HRD_EU_SHARE).toMatchObject({ value: '85.00', qualifier: 'EXACT' });
    // The OP SESG split is cut off on the page: no EU amount, so no share.
    expect(cells.OP_SESG_EU_SHARE.value).toBeNull();
    // Only an approximate total: neither the total nor the EU share of the whole project is computed.
    expect(cells.TOTAL_BUDGET.value).toBeNull();
    expect(cells.EU_SHARE.value).toBeNull();
    const eur = await cellsOf('OP_HRD_BUDGET', 'BEST_AVAILABLE', 'EUR');
    expect(eur.OP_HRD_BUDGET.value).toBe('597710.85');
  });

  it('runs 16.08.2021 – 30.06.2023; the duration cell names both sources of its dates', async () => {
    const { project } = await data(`{ project(contractNumber: "BG05M9OP001-2.056-0009") {
      period { startDate endDate durationMonths } } }`);
    expect(project.period).toMatchObject({ startDate: '2021-08-16', endDate: '2023-06-30' });
    const cells = await cellsOf('DURATION_MONTHS');
    expect(cells.DURATION_MONTHS.value).toBe(project.period.durationMonths.toFixed(2));
    expect(cells.DURATION_MONTHS.sources.map((source: any) => source.key).sort()).toEqual([
      'velingrad-eumoney-2.056-0009-opsesg-contract',
      'velingrad-velingrad-bg-opening-press-release-2021-09-29',
    ]);
  });

  it('25 jobs planned, 4 community mediators already appointed, four partners as the opening press release names them', async () => {
    const { project } = await data(`{ project(contractNumber: "BG05M9OP001-2.056-0009") {
      indicators { indicator { code } value basis qualifier asPublished verified verification { valueInQuote } }
      partners { organisation { name nameLatin type } verified verification { quoteInSource } }
      contracts { programme { code } number } } }`);
    expect(
      project.indicators.map((row: any) => [row.indicator.code, row.value, row.basis, row.verification.valueInQuote]),
    ).toEqual(
      expect.arrayContaining([
        ['PERSONS_EMPLOYED', 25, 'PLANNED', true],
        ['COMMUNITY_MEDIATORS', 4, 'ACHIEVED', true],
      ]),
    );
    expect(project.partners.map((row: any) => [row.organisation.name, row.organisation.type, row.verified])).toEqual(
      expect.arrayContaining([
        ['Сдружение „Консултантско бюро Напредък 7“', 'NGO', true],
        ['Сдружение „Обединени професионалисти за устойчиво развитие“', 'NGO', true],
        ['Основно училище „Георги Бенковски“', 'SCHOOL', true],
        ['Основно училище „Неофит Рилски“', 'SCHOOL', true],
      ]),
    );
    expect(project.partners).toHaveLength(4);
    expect([...new Set(project.contracts.map((row: any) => row.number))].sort()).toEqual([
      'BG05M9OP001-2.056-0009-2014BG05M2OP001-C01',
      'BG05M9OP001-2.056-0009-C01',
    ]);
  });

  it('aggregates its programme amounts and counts it, with nothing left out', async () => {
    const { aggregate } = await data(`{ aggregate(groupBy: [PROGRAMME], measures: [BUDGET_SUM, PROJECT_COUNT],
      filter: { municipalityCodes: ["PAZ08"] }) { keys { value } values { measure value leftOut } } }`);
    expect(aggregate).toEqual([
      {
        keys: [{ value: 'BG05M2OP001' }],
        values: [
          { measure: 'BUDGET_SUM', value: '389826.62', leftOut: 0 },
          { measure: 'PROJECT_COUNT', value: '1', leftOut: null },
        ],
      },
      {
        keys: [{ value: 'BG05M9OP001' }],
        values: [
          { measure: 'BUDGET_SUM', value: '1169020.81', leftOut: 0 },
          { measure: 'PROJECT_COUNT', value: '1', leftOut: null },
        ],
      },
    ]);
  });
});
