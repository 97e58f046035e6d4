import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { random, randomOperation } from '../../bench/random-operations';
import { ErrorCode } from '../../src/errors/codes';
import { jitStatistics } from '../../src/graphql/jit';
import { buildGraphqlSchema } from '../../src/schema';
import { startApiServer, type ApiServer } from '../helpers/api-server';

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
