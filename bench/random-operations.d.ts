import type { GraphQLSchema } from 'graphql';

export interface Random {
  next(): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}
/** Mulberry32: a small seeded generator, so that a run is reproducible from its seed. */
export function random(seed: number): Random;
/** A random operation: root fields with random arguments (as variables) and random selections. */
export function randomOperation(
  schema: GraphQLSchema,
  rng: Random,
): { query: string; variables: Record<string, unknown> };
