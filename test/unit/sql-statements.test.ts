import 'reflect-metadata';
import { sql } from '../../src/db/sql';
import { Currency } from '../../src/domain/enums';
import { aggregateStatement } from '../../src/modules/comparison/aggregate-sql';
import { Dimension, Measure } from '../../src/modules/comparison/aggregate.enums';
import { projectConditions, rangeFacts } from '../../src/modules/project/project-filter';

/**
 * Statements composed from typed fragments (pg-sql2), as the database receives them: every value a $n
 * parameter, never text. The snapshots show what a change to a builder does to the SQL.
 */
const compiled = (fragment: ReturnType<typeof sql>) => {
  const { text, values } = sql.compile(fragment);
  return { text: text.replace(/\s+/g, ' ').trim(), values };
};

describe('composed statements', () => {
  it('the dashboard’s aggregate: budget by municipality and programme, with labels and budgets left out', () => {
    const statement = aggregateStatement({
      dimensions: [Dimension.MUNICIPALITY, Dimension.PROGRAMME],
      measures: [Measure.BUDGET_SUM],
      filter: undefined,
      currency: Currency.BGN,
      selection: { labels: true, leftOut: true, leftOutReasons: true },
    });
    expect(compiled(statement)).toMatchSnapshot();
  });

  it('counts and stated totals by municipality in one pass, in EUR, for an oblast and a date range', () => {
    const statement = aggregateStatement({
      dimensions: [Dimension.MUNICIPALITY],
      measures: [Measure.PROJECT_COUNT, Measure.BUDGET_SUM],
      filter: { oblastCodes: ['SZR'], startDateFrom: '2021-09-01' },
      currency: Currency.EUR,
      selection: { labels: false, leftOut: false, leftOutReasons: false },
    });
    const { text, values } = compiled(statement);
    expect(values).toEqual([['SZR'], '2021-09-01', '1.95583']);
    expect(text).toContain('JOIN municipalities m');
    expect({ text, values }).toMatchSnapshot();
  });

  it('outcome figures and project counts stacked and grouped once more (two families)', () => {
    const statement = aggregateStatement({
      dimensions: [Dimension.INDICATOR, Dimension.BASIS],
      measures: [Measure.INDICATOR_SUM, Measure.PROJECT_COUNT],
      filter: undefined,
      currency: Currency.BGN,
      selection: { labels: true, leftOut: true, leftOutReasons: true },
    });
    const { text } = compiled(statement);
    expect(text).toContain('UNION ALL');
    expect(compiled(statement)).toMatchSnapshot();
  });

  it('a project filter: every value a parameter, hostile text included', () => {
    const filter = {
      municipalityCodes: ['SZR12'],
      programmeCodes: ['OP_HRD'],
      titleContains: "'; DROP TABLE projects; -- 100%_",
      minTotalBudget: '1000000',
      maxTotalBudget: '2000000',
      hasIndicator: ['PERSONS_EMPLOYED'],
    };
    const { where, usesMunicipality } = projectConditions(filter);
    expect(usesMunicipality).toBe(false);
    const { text, values } = compiled(sql.join(where, ' AND '));
    expect(text).not.toContain('DROP');
    expect(values).toContain("%'; drop table projects; -- 100\\%\\_%");
    expect({ text, values }).toMatchSnapshot();
    expect(rangeFacts(filter).map((range) => range.fact)).toEqual(['TOTAL_BUDGET']);
  });
});
