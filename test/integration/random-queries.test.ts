import 'reflect-metadata';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isUnionType,
} from 'graphql';
import { ErrorCode } from '../../src/errors/codes';
import { jitStatistics } from '../../src/graphql/jit';
import { buildGraphqlSchema } from '../../src/schema';
import { startApiServer, type ApiServer } from '../helpers/api-server';

/** Mulberry32: a small seeded generator, so that a failure is reproducible from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof random>;

/** Values a client may send, valid and hostile alike (all well-typed JSON for their GraphQL type). */
const STRINGS = [
  '',
  'SZR12',
  'SML31',
  'казан',
  'Kazan',
  'Стара Загора',
  'BG05M9OP001-2.056-0020',
  'BG05М90Р001-2.056-14',
  "'; DROP TABLE projects; --",
  '%',
  '_',
  '\\',
  'x'.repeat(2_000),
  'a\u0000b',
  '\ud800',
  '😀',
  'null',
  '{}',
  'c2hub:offset:5',
  'UHJvamVjdDox',
  'PERSONS_EMPLOYED',
  'kazanlak',
];
const INTS = [-2147483648, -1, 0, 1, 2, 5, 20, 99, 100, 101, 1000, 2147483647];
const DATES = ['2021-01-01', '2023-12-31', '2023-02-30', '0000-01-01', '9999-12-31', 'yesterday', '2023-1-1'];
const DECIMALS = ['0', '0.01', '1555364.20', '-1', '1.234', '999999999999999.99', '1e3', 'NaN'];

function inputValue(type: GraphQLInputType, rng: Random, depth: number): unknown {
  if (isNonNullType(type)) return inputValue(type.ofType, rng, depth);
  if (rng.chance(0.05)) return null;
  if (isListType(type))
    return Array.from({ length: rng.pick([0, 1, 2, 3]) }, () => inputValue(type.ofType, rng, depth + 1));
  if (isEnumType(type)) return rng.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || (depth < 3 && rng.chance(0.3)))
        value[field.name] = inputValue(field.type, rng, depth + 1);
    }
    return value;
  }
  switch (type.name) {
    case 'Int':
      return rng.pick(INTS);
    case 'Float':
      return rng.pick([0, 1.5, -3, 1e300]);
    case 'Boolean':
      return rng.chance(0.5);
    case 'Date':
      return rng.pick(DATES);
    case 'Decimal':
      return rng.pick(DECIMALS);
    case 'ID':
      return rng.pick([
        ...STRINGS,
        Buffer.from('Project:1').toString('base64url'),
        Buffer.from('Municipality:SZR12').toString('base64url'),
      ]);
    default:
      return rng.pick(STRINGS);
  }
}

/** A random operation: root fields with random arguments (as variables) and random selections. */
function randomOperation(schema: GraphQLSchema, rng: Random): { query: string; variables: Record<string, unknown> } {
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const args = (field: GraphQLField<unknown, unknown>) => {
    const chosen = field.args.filter((arg: GraphQLArgument) =>
      isNonNullType(arg.type) && arg.defaultValue === undefined ? true : rng.chance(0.5),
    );
    if (chosen.length === 0) return '';
    return `(${chosen
      .map((arg) => {
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${String(arg.type)}`);
        variables[name] = inputValue(arg.type, rng, 0);
        return `${arg.name}: $${name}`;
      })
      .join(', ')})`;
  };
  const selection = (type: GraphQLNamedType, depth: number): string => {
    if (isLeafType(type)) return '';
    if (isInterfaceType(type) || isUnionType(type)) {
      const possible = schema.getPossibleTypes(type);
      return `{ __typename ... on ${rng.pick(possible).name} ${selection(rng.pick(possible), depth)} }`;
    }
    const fields = Object.values((type as GraphQLObjectType).getFields());
    const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)));
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    const count = 1 + Math.floor(rng.next() * 4);
    for (let index = 0; index < count; index += 1)
      chosen.add(depth >= 4 && leaves.length ? rng.pick(leaves) : rng.pick(fields));
    return `{ ${[...chosen].map((field) => `${field.name}${args(field)} ${selection(getNamedType(field.type), depth + 1)}`).join(' ')} }`;
  };
  const query = schema.getQueryType()!;
  const roots = Object.values(query.getFields());
  const body = Array.from({ length: 1 + Math.floor(rng.next() * 2) }, (_v, index) => {
    const field = rng.pick(roots);
    return `r${index}: ${field.name}${args(field)} ${selection(getNamedType(field.type), 1)}`;
  }).join(' ');
  return { query: `query${declarations.length ? `(${declarations.join(', ')})` : ''} { ${body} }`, variables };
}

/** SQL (upper-case keywords, PostgreSQL's phrases), stack frames and file paths. */
const LEAK =
  /\bSELECT\b|\bFROM\b|\bWHERE\b|relation "|syntax error at|violates|node_modules|\/work\/|\/src\/|\/tmp\/|\.ts:\d+|\bat [\w.]+ \(|stacktrace/;

/**
 * Thousands of random valid operations built from the schema itself (seeded), over real HTTP against
 * the real database: none may end in INTERNAL_SERVER_ERROR or a 5xx, none may leak SQL, a stack or a
 * path, none may answer more bytes than its cost allowed. Invalid values (out-of-range `first`, impossible dates, hostile strings) must be refused as
 * the client's mistake.
 */
describe('random operations from the schema', () => {
  let api: ApiServer;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_THROTTLE_BUCKET: '0' } });
    schema = await buildGraphqlSchema();
  });
  afterAll(() => api.close());

  const SEED = Number(process.env.HUB_FUZZ_SEED ?? 20261201);
  const COUNT = Number(process.env.HUB_FUZZ_COUNT ?? 2_500);

  it(`${COUNT} operations (seed ${SEED}): no internal error, no 5xx, nothing leaked`, async () => {
    const rng = random(SEED);
    const operations = Array.from({ length: COUNT }, () => randomOperation(schema, rng));
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < operations.length) {
        const operation = operations[next++];
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(operation),
        });
        const text = await response.text();
        const body = JSON.parse(text) as {
          data?: unknown;
          errors?: { message: string; extensions?: { code?: string } }[];
          extensions?: { cost?: { requestedQueryCost: number | null } };
        };
        // The cost known before execution bounds the answer's bytes (points of 64 bytes).
        const requested = body.extensions?.cost?.requestedQueryCost;
        if (body.data && requested != null && Buffer.byteLength(JSON.stringify(body.data)) > requested * 64)
          failures.push(`over its cost (${requested}): ${JSON.stringify(operation).slice(0, 400)}`);
        for (const error of body.errors ?? [])
          codes.set(String(error.extensions?.code), (codes.get(String(error.extensions?.code)) ?? 0) + 1);
        const internal = (body.errors ?? []).some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
        const leaked = (body.errors ?? []).some(
          (error) => LEAK.test(error.message) || LEAK.test(JSON.stringify(error.extensions ?? {})),
        );
        if (response.status >= 500 || internal || leaked)
          failures.push(`${response.status} ${JSON.stringify(operation).slice(0, 600)} → ${text.slice(0, 400)}`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(failures.slice(0, 5)).toEqual([]);
    // The generator reaches both success and every kind of refusal.
    expect(codes.get('BAD_USER_INPUT')).toBeGreaterThan(10);
    // Every code it met is one of the documented vocabulary (the README's table is ErrorCode).
    expect([...codes.keys()].filter((code) => !(Object.values(ErrorCode) as string[]).includes(code))).toEqual([]);
  });

  it("the compiled path (graphql-jit, from a document's second run) answers exactly as graphql-js (its first run)", async () => {
    const rng = random(SEED + 1);
    const compiledBefore = jitStatistics.compiled;
    const differences: string[] = [];
    let answered = 0;
    for (let index = 0; index < 150; index += 1) {
      const operation = randomOperation(schema, rng);
      const send = async () => {
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(operation),
        });
        return `${response.status} ${await response.text()}`;
      };
      const first = await send();
      // Compilations are rate-limited (COMPILES_PER_SECOND): repeat until this operation had its turn.
      const attempts = jitStatistics.compiled + jitStatistics.notCompiled;
      let second = await send();
      const executed = first.includes('"data":'); // refused before execution: nothing to compile
      for (
        let wait = 0;
        executed && wait < 10 && jitStatistics.compiled + jitStatistics.notCompiled === attempts;
        wait += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        second = await send();
      }
      if (first.includes('"data":{')) answered += 1;
      if (first !== second)
        differences.push(
          `${JSON.stringify(operation).slice(0, 400)}\n  graphql-js: ${first.slice(0, 400)}\n  compiled:   ${second.slice(0, 400)}`,
        );
    }
    // graphql-jit leaves a non-null input field's default unfilled when the object comes in a variable:
    // such operations stay on graphql-js, and the default applies on every run.
    const ordered = {
      query: 'query($order: ProjectOrder) { projects(first: 3, orderBy: $order) { edges { node { key } } } }',
      variables: { order: { field: 'TITLE' } },
    };
    for (let run = 0; run < 3; run += 1) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ordered),
      });
      const body = (await response.json()) as { data?: { projects: { edges: unknown[] } }; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      expect(body.data!.projects.edges).toHaveLength(3);
    }
    expect(differences.slice(0, 3)).toEqual([]);
    expect(answered).toBeGreaterThan(40);
    expect(jitStatistics.compiled - compiledBefore).toBeGreaterThan(40);
  });
});
