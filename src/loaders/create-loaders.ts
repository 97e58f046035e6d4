import DataLoader from 'dataloader';
import type { Indicator, Programme, Source } from '../entities';
import type { Services } from '../modules/services';
import { oneByKey } from './key-order';

/** Every DataLoader of a request, named `<result>By<key>`. One SQL statement per batch. */
export function createLoaders(services: Services) {
  return {
    sourceByKey: new DataLoader<string, Source | null>(async (keys) =>
      oneByKey(keys, await services.reference.sourcesByKeys(keys), (row) => row.key),
    ),
    programmeByCode: new DataLoader<string, Programme | null>(async (codes) =>
      oneByKey(codes, await services.reference.programmesByCodes(codes), (row) => row.code),
    ),
    indicatorByCode: new DataLoader<string, Indicator | null>(async (codes) =>
      oneByKey(codes, await services.reference.indicatorsByCodes(codes), (row) => row.code),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
