import 'reflect-metadata';
import { type GraphQLSchema, parse } from 'graphql';
import { buildGraphqlSchema } from '../../src/schema';
import { operationCost, QueryCostError } from '../../src/graphql/cost';
import { DataSizes } from '../../src/graphql/data-sizes';

const sizes = new DataSizes();

describe('operationCost, kept per document', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphqlSchema();
  });

  const document = parse(
    'query($first: Int) { projects(first: $first) { edges { node { key municipality { name } } } } }',
  );

  it('gives each set of variables its own cost, the same on every call', () => {
    const ten = operationCost(schema, document, undefined, { first: 10 }, 10_000, sizes);
    const hundred = operationCost(schema, document, undefined, { first: 100 }, 10_000, sizes);
    expect(hundred.data).toBeGreaterThan(ten.data);
    for (let run = 0; run < 3; run += 1) {
      expect(operationCost(schema, document, undefined, { first: 10 }, 10_000, sizes)).toEqual(ten);
      expect(operationCost(schema, document, undefined, { first: 100 }, 10_000, sizes)).toEqual(hundred);
    }
    // A fresh parse of the same text (another document object) counts to the same figure.
    expect(
      operationCost(
        schema,
        parse('query($first: Int) { projects(first: $first) { edges { node { key municipality { name } } } } }'),
        undefined,
        { first: 10 },
        10_000,
        sizes,
      ),
    ).toEqual(ten);
  });

  it('refuses bad variables and too many nodes every time, whatever was counted before', () => {
    operationCost(schema, document, undefined, { first: 10 }, 10_000, sizes);
    for (let run = 0; run < 2; run += 1) {
      expect(() => operationCost(schema, document, undefined, { first: 'ten' }, 10_000, sizes)).toThrow(QueryCostError);
      expect(() => operationCost(schema, document, undefined, { first: 10 }, 2, sizes)).toThrow(QueryCostError);
    }
  });

  it('counts anew for variables too large to keep, with the same result', () => {
    const big = { first: 10, unused: 'x'.repeat(2_000) };
    expect(operationCost(schema, document, undefined, big, 10_000, sizes)).toEqual(
      operationCost(schema, document, undefined, { first: 10 }, 10_000, sizes),
    );
  });
});
