// PostGraphile v5 over the hub's tables (read-only), with the aggregates plugin, for bench/peer.js.
// Connection: PEER_DATABASE_URL (e.g. postgres://postgres@/component2_hub?host=/tmp/c2hub-…); port: PEER_PORT.
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';

export default {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset],
  // Order and group by any column (as the hub does), not only indexed ones.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString: process.env.PEER_DATABASE_URL, schemas: ['public'] })],
  grafserv: { port: Number(process.env.PEER_PORT || 5678), graphiql: false, watch: false },
  grafast: { explain: false },
  schema: { pgForbidSetofFunctionsToReturnNull: false },
};
