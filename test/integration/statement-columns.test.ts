import { startApiServer, type ApiServer } from '../helpers/api-server';

/**
 * A project's statements are read without their quotes and notes when the selection reads neither: the
 * same answer for the fields selected, fewer bytes from PostgreSQL, and still one statement per table.
 */
describe('statements read by what the selection needs', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  const PROFILE = (extra: string) => `{ municipality(code: "PAZ08") { projects(first: 20) { edges { node {
    key funding { kind qualifier amount { amount } programme { code } source { key url } ${extra} }
    partners { role organisation { name type } source { key } ${extra} }
    indicators { value basis qualifier asOf breakdown indicator { code unit } source { key url } ${extra} } } } } } }`;

  it('without asPublished, note or verification: light reads (no quote, no note), the same values', async () => {
    // Twice: the second run of a document is compiled (graphql-jit) and must choose the same way.
    await api.query(PROFILE(''));
    const light = await api.query(PROFILE(''));
    const whole = await api.query(PROFILE('asPublished note verified'));
    expect(light.body.errors).toBeUndefined();
    expect(whole.body.errors).toBeUndefined();
    const statementOf = (result: typeof light, table: string) =>
      result.statements.filter((statement) => new RegExp(`FROM ${table} WHERE project_id`).test(statement));
    for (const table of ['funding_amounts', 'partnerships', 'indicator_values']) {
      expect(statementOf(light, table)).toHaveLength(1);
      expect(statementOf(whole, table)).toHaveLength(1);
      expect(statementOf(light, table)[0]).not.toMatch(/as_published|note|SELECT \*/);
      expect(statementOf(whole, table)[0]).toMatch(/SELECT \* FROM/);
    }
    // The fields both selected are equal, statement by statement.
    const strip = (node: any): any =>
      JSON.parse(
        JSON.stringify(node, (key, value) => (['asPublished', 'note', 'verified'].includes(key) ? undefined : value)),
      );
    expect(light.body.data).toEqual(strip(whole.body.data));
    const indicators = whole.body.data.municipality.projects.edges.flatMap((edge: any) => edge.node.indicators);
    expect(indicators.length).toBeGreaterThan(0);
    expect(indicators.every((value: any) => typeof value.asPublished === 'string' && value.verified === true)).toBe(
      true,
    );
  });

  it('a fragment or an alias that reads the quote loads the statements whole', async () => {
    const result = await api.query(`{ municipality(code: "PAZ08") { projects(first: 5) { edges { node {
      indicators { ...Quoted } } } } } } fragment Quoted on IndicatorValue { value q: asPublished }`);
    expect(result.body.errors).toBeUndefined();
    const values = result.body.data.municipality.projects.edges.flatMap((edge: any) => edge.node.indicators);
    expect(values.every((value: any) => typeof value.q === 'string' && value.q.length > 0)).toBe(true);
  });
});
