import { Basis, Confirmation, Qualifier } from '../../src/domain/enums';
import { storedCell } from '../../src/modules/comparison/cell-rules';
import { CaveatCode, ComparisonBasis } from '../../src/modules/comparison/comparison.enums';
import { divide, type Figure, isMissing, sum } from '../../src/modules/comparison/figures';
import { MetricKey } from '../../src/modules/comparison/metrics';
import {
  type FundingRow,
  type IndicatorRow,
  type PartnerRow,
  ProjectFigures,
  type ProjectRow,
} from '../../src/modules/comparison/project-figures';
import { rank, type RankedCell } from '../../src/modules/comparison/ranking';

/**
 * The comparison's arithmetic and caveat rules on in-memory rows: no database. Each case is a rule an
 * analyst relies on (a ceiling is never an amount, a contradiction is never resolved, plans and results
 * are ranked apart).
 */

const HRD = 'BG05M9OP001';
const SESG = 'BG05M2OP001';

function project(overrides: Partial<ProjectRow> = {}): ProjectRow {
  return {
    id: 1,
    key: 'test',
    municipality_code: 'TST01',
    confirmation: Confirmation.CONFIRMED,
    total_budget_bgn: null,
    start_date: null,
    end_date: null,
    population: 10_000,
    population_source_key: 'census',
    contradicted: null,
    missing_fields: null,
    total_sources: null,
    period_sources: null,
    ...overrides,
  };
}

function funding(
  programme: string | null,
  kind: string,
  amount: string | null,
  extra: Partial<FundingRow> = {},
): FundingRow {
  return {
    project_id: 1,
    programme_code: programme,
    kind,
    amount,
    distinct_amounts: amount === null ? 0 : 1,
    ceiling: null,
    sources: ['s1'],
    ...extra,
  };
}

function indicator(code: string, value: string, extra: Partial<IndicatorRow> = {}): IndicatorRow {
  return {
    project_id: 1,
    indicator_code: code,
    basis: Basis.PLANNED,
    qualifier: Qualifier.EXACT,
    as_of: null,
    value,
    source_key: 's1',
    ...extra,
  };
}

const figures = (
  row: ProjectRow,
  rows: { funding?: FundingRow[]; indicators?: IndicatorRow[]; partners?: PartnerRow[] } = {},
  basis = ComparisonBasis.BEST_AVAILABLE,
) => new ProjectFigures(row, rows.funding ?? [], rows.indicators ?? [], rows.partners ?? [], basis);

const codes = (cell: { caveats: { code: CaveatCode }[] }) => cell.caveats.map((caveat) => caveat.code);

describe('comparison figures: exact arithmetic', () => {
  it('divides exactly and rounds half-up only when shown: 1,199,848.69 BGN over 92 persons is 13,041.83', () => {
    const cell = storedCell(MetricKey.COST_PER_PERSON_EMPLOYED, [
      figures(project(), {
        funding: [funding(HRD, 'TOTAL', '1199848.69')],
        indicators: [indicator('PERSONS_EMPLOYED', '92.00')],
      }),
    ]);
    // 1,199,848.69 / 92 = 13,041.8336 → 13,041.83; in EUR 13,041.8336 / 1.95583 = 6,668.18 (from the exact
    // fraction, not from the rounded BGN figure); the numerator 1,199,848.69 / 1.95583 = 613,472.89.
    expect(cell.value).toEqual({ BGN: '13041.83', EUR: '6668.18' });
    expect(cell.numerator).toEqual({ BGN: '1199848.69', EUR: '613472.89' });
    expect(cell.denominator).toEqual({ BGN: '92.00', EUR: '92.00' });
    expect(cell.qualifier).toBe(Qualifier.EXACT);
    expect(cell.basis).toBe(Basis.PLANNED);
  });

  it('sums several projects of a municipality and says so (MULTIPLE_PROJECTS)', () => {
    const cell = storedCell(MetricKey.TOTAL_BUDGET, [
      figures(project({ id: 1, key: 'a', total_budget_bgn: '100.10', total_sources: ['s1'] })),
      figures(project({ id: 2, key: 'b', total_budget_bgn: '200.20', total_sources: ['s2'] })),
    ]);
    expect(cell.value?.BGN).toBe('300.30');
    expect(codes(cell)).toEqual([CaveatCode.MULTIPLE_PROJECTS]);
    expect(cell.sourceKeys).toEqual(['s1', 's2']);
  });

  it('the EU share of one programme: 993,667.69 of OP HRD 1,169,020.81 is 85.00 %', () => {
    const cell = storedCell(MetricKey.OP_HRD_EU_SHARE, [
      figures(project(), {
        funding: [
          funding(HRD, 'TOTAL', '1169020.81', { sources: ['a'] }),
          funding(HRD, 'EU', '993667.69', { sources: ['b'] }),
        ],
      }),
    ]);
    // 993,667.69 / 1,169,020.81 × 100 = 84.99999… → 85.00.
    expect(cell.value).toEqual({ BGN: '85.00', EUR: '85.00' });
    expect(cell.sourceKeys).toEqual(['b', 'a']);
  });

  it('a duration lists the sources of its dates', () => {
    const cell = storedCell(MetricKey.DURATION_MONTHS, [
      figures(project({ start_date: '2021-08-16', end_date: '2023-06-30', period_sources: ['start', 'end'] })),
    ]);
    expect(cell.value?.BGN).toMatch(/^22\.\d\d$/);
    expect(cell.sourceKeys).toEqual(['start', 'end']);
  });

  it('a percentage of two money figures: OP SESG 300 of a total of 1,200 is 25.00 %, the same in EUR', () => {
    const cell = storedCell(MetricKey.EDUCATION_SHARE, [
      figures(project({ total_budget_bgn: '1200.00' }), { funding: [funding(SESG, 'TOTAL', '300.00')] }),
    ]);
    expect(cell.value).toEqual({ BGN: '25.00', EUR: '25.00' });
  });
});

describe('comparison figures: caveat rules', () => {
  it('a ceiling ("до") is never an amount: the value is null with UPPER_BOUND stating the ceiling', () => {
    const cell = storedCell(MetricKey.OP_HRD_BUDGET, [
      figures(project(), { funding: [funding(HRD, 'TOTAL', null, { ceiling: '301128.99' })] }),
    ]);
    expect(cell.value).toBeNull();
    expect(cell.caveats).toEqual([
      {
        code: CaveatCode.UPPER_BOUND,
        message:
          'test: the amount under BG05M9OP001 is known only as a ceiling: at most 301128.99 BGN ("до"), not an amount',
      },
    ]);
  });

  it('an exact amount above a stated ceiling is a contradiction, never resolved', () => {
    const figure = figures(project(), {
      funding: [funding(HRD, 'TOTAL', '400.00', { ceiling: '300.00' })],
    }).amount(HRD, 'TOTAL');
    expect(isMissing(figure) && figure.code).toBe(CaveatCode.CONTRADICTORY_SOURCES);
  });

  it('two sources stating different amounts give no value (CONTRADICTORY_SOURCES), not the first or the mean', () => {
    const cell = storedCell(MetricKey.OP_SESG_BUDGET, [
      figures(project(), { funding: [funding(SESG, 'TOTAL', '100.00', { distinct_amounts: 2, sources: ['a', 'b'] })] }),
    ]);
    expect(cell.value).toBeNull();
    expect(codes(cell)).toEqual([CaveatCode.CONTRADICTORY_SOURCES]);
    expect(cell.sourceKeys).toEqual(['a', 'b']);
  });

  it('a total the sources disagree on gives no total', () => {
    const total = figures(project({ contradicted: ['funding.TOTAL'], total_sources: ['a', 'b'] })).total();
    expect(isMissing(total) && total.code).toBe(CaveatCode.CONTRADICTORY_SOURCES);
  });

  it('a lower bound ("над 50") keeps its qualifier through a division and says so (LOWER_BOUND)', () => {
    const cell = storedCell(MetricKey.EDUCATION_COST_PER_CHILD, [
      figures(project(), {
        funding: [funding(SESG, 'TOTAL', '5000.00')],
        indicators: [indicator('CHILDREN_REACHED', '50.00', { qualifier: Qualifier.AT_LEAST })],
      }),
    ]);
    expect(cell.value?.BGN).toBe('100.00');
    expect(cell.qualifier).toBe(Qualifier.AT_LEAST);
    expect(codes(cell)).toEqual([CaveatCode.LOWER_BOUND]);
  });

  it('an approximate part makes the whole approximate', () => {
    const a: Figure = { num: 1n, den: 1n, qualifier: Qualifier.AT_LEAST, basis: null, caveats: [], sources: [] };
    const b: Figure = { num: 1n, den: 1n, qualifier: Qualifier.APPROXIMATE, basis: null, caveats: [], sources: [] };
    const total = sum([a, b]);
    expect(!isMissing(total) && total.qualifier).toBe(Qualifier.APPROXIMATE);
  });

  it('adding planned and achieved figures of different projects says MIXED_BASIS', () => {
    const cell = storedCell(MetricKey.PERSONS_EMPLOYED, [
      figures(project({ id: 1, key: 'a' }), { indicators: [indicator('PERSONS_EMPLOYED', '10.00')] }),
      figures(project({ id: 2, key: 'b' }), {
        indicators: [indicator('PERSONS_EMPLOYED', '20.00', { project_id: 2, basis: Basis.ACHIEVED })],
      }),
    ]);
    expect(cell.value?.BGN).toBe('30.00');
    expect(cell.basis).toBeNull();
    expect(codes(cell)).toContain(CaveatCode.MIXED_BASIS);
  });

  it('a zero denominator gives no value (MISSING_DENOMINATOR), never infinity', () => {
    const zero: Figure = { num: 0n, den: 1n, qualifier: Qualifier.EXACT, basis: null, caveats: [], sources: [] };
    const one: Figure = { num: 1n, den: 1n, qualifier: Qualifier.EXACT, basis: null, caveats: [], sources: [] };
    const result = divide(one, zero);
    expect(isMissing(result) && result.code).toBe(CaveatCode.MISSING_DENOMINATOR);
  });

  it('a missing denominator is named as the denominator', () => {
    const cell = storedCell(MetricKey.COST_PER_PERSON_EMPLOYED, [
      figures(project(), { funding: [funding(HRD, 'TOTAL', '1000.00')] }),
    ]);
    expect(codes(cell)).toEqual([CaveatCode.MISSING_DENOMINATOR]);
  });

  it('on ACHIEVED, a planned figure is not used; on BEST_AVAILABLE the achieved one wins', () => {
    const rows = {
      indicators: [
        indicator('PERSONS_EMPLOYED', '90.00'),
        indicator('PERSONS_EMPLOYED', '98.00', { basis: Basis.ACHIEVED }),
      ],
    };
    const planned = figures(project(), { indicators: [rows.indicators[0]] }, ComparisonBasis.ACHIEVED);
    expect(isMissing(planned.indicator('PERSONS_EMPLOYED'))).toBe(true);
    const best = figures(project(), rows).indicator('PERSONS_EMPLOYED');
    expect(!isMissing(best) && [best.num, best.basis]).toEqual([9800n, Basis.ACHIEVED]);
  });

  it('an achieved figure reported part-way says when (PARTIAL_ACHIEVEMENT)', () => {
    const figure = figures(project(), {
      indicators: [indicator('CHILDREN_REACHED', '15.00', { basis: Basis.ACHIEVED, as_of: '2022-06-30' })],
    }).indicator('CHILDREN_REACHED');
    expect(!isMissing(figure) && figure.caveats.map((c) => c.code)).toEqual([CaveatCode.PARTIAL_ACHIEVEMENT]);
  });

  it('a PROBABLE project is flagged UNCONFIRMED_PROCEDURE on every metric', () => {
    const cell = storedCell(MetricKey.TOTAL_BUDGET, [
      figures(project({ confirmation: Confirmation.PROBABLE, total_budget_bgn: '10.00' })),
    ]);
    expect(codes(cell)).toEqual([CaveatCode.UNCONFIRMED_PROCEDURE]);
  });

  it('a cut-off partner list makes the count a lower bound', () => {
    const count = figures(project({ missing_fields: ['partners'] }), {
      partners: [{ project_id: 1, type: 'SCHOOL', n: 3, sources: ['s1'] }],
    }).partnerCount('SCHOOL');
    expect(!isMissing(count) && [count.num, count.qualifier]).toEqual([3n, Qualifier.AT_LEAST]);
  });
});

describe('ranking', () => {
  const cell = (value: string | null, basis: Basis | null, qualifier = Qualifier.EXACT): RankedCell => ({
    value,
    cents: value === null ? null : BigInt(Math.round(Number(value) * 100)),
    basis,
    qualifier: value === null ? null : qualifier,
    rank: null,
    requestCaveats: [],
  });

  it('ties share a rank (1, 2, 2, 4) in the metric’s direction (lowest cost first)', () => {
    const cells = ['10.00', '20.00', '20.00', '30.00'].map((value) => cell(value, Basis.PLANNED));
    const [summary] = rank(MetricKey.COST_PER_PERSON_EMPLOYED, cells);
    expect(cells.map((c) => c.rank)).toEqual([1, 2, 2, 4]);
    expect(summary).toMatchObject({ count: 4, min: '10.00', max: '30.00', mean: '20.00', median: '20.00' });
  });

  it('a column mixing bases is ranked within each basis, every value flagged MIXED_BASIS', () => {
    const cells = [cell('10.00', Basis.PLANNED), cell('5.00', Basis.ACHIEVED), cell('20.00', Basis.PLANNED)];
    const summaries = rank(MetricKey.COST_PER_PERSON_EMPLOYED, cells);
    expect(cells.map((c) => c.rank)).toEqual([1, 1, 2]);
    expect(cells.every((c) => c.requestCaveats.some((caveat) => caveat.code === CaveatCode.MIXED_BASIS))).toBe(true);
    expect(summaries.map((s) => [s.basis, s.count])).toEqual([
      [Basis.PLANNED, 2],
      [Basis.ACHIEVED, 1],
    ]);
  });

  it('lower bounds and approximations are shown but never ranked or summarised', () => {
    const cells = [
      cell('10.00', null),
      cell('50.00', null, Qualifier.AT_LEAST),
      cell('60.00', null, Qualifier.APPROXIMATE),
    ];
    const [summary] = rank(MetricKey.TOTAL_BUDGET, cells);
    expect(cells.map((c) => c.rank)).toEqual([1, null, null]);
    expect(summary.count).toBe(1);
  });
});
