import path from 'node:path';

/** Directory holding package.json; `dist/` and `src/` both sit one level below it. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** TCP port of the HTTP server. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** External PostgreSQL; when absent an embedded PostgreSQL is started. */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its cluster and log. */
  dataDir: string;
  /** `production` masks error details and hides Apollo Sandbox by default. */
  nodeEnv: string;
  isProduction: boolean;
  logLevel: LogLevel;
  /** Apollo Sandbox landing page on `/graphql` in a browser. */
  sandbox: boolean;
  /** Load the curated dataset (`seeds/`) at start. */
  loadSeeds: boolean;
  seedsDir: string;
  /** Bytes of finished responses kept for repeated queries (0 turns the cache off); emptied by every import. */
  responseCacheBytes: number;
  /** Largest single response the cache keeps, in bytes. */
  responseCacheEntryBytes: number;
  /** Longest life of a cached response, should an import notification be missed. */
  responseCacheTtlMs: number;
  /** Shared cache store for several hub replicas (`redis://…`); absent: in-process memory. */
  redisUrl: string | undefined;
  /** What HTTP caches in front of the hub are told of successful anonymous GET answers (Cache-Control). */
  httpCache: HttpCacheConfig;
  /** Live heap, in percent of the heap limit, over which the costliest running request is stopped (0: never). */
  memoryGuardPercent: number;
  /** What one request may ask for; refused before any SQL runs when over (see README, "Limits"). */
  limits: RequestLimits;
  connections: ConnectionLimits;
  /** Per-client leaky bucket of cost points; `bucketSize` 0 turns throttling off. */
  throttle: ThrottleConfig;
  /** Connections in the pool; one request holds at most one. */
  poolSize: number;
  /** Run repeated documents as functions compiled by graphql-jit (false: graphql-js for every request). */
  compiledExecution: boolean;
  /** Run each request connection's reads as prepared statements (false: for a pooler that cannot keep them). */
  preparedStatements: boolean;
  /** Longest wait for in-flight requests on SIGINT/SIGTERM. */
  shutdownTimeoutMs: number;
  /** Longest wait for the database at start. */
  databaseStartTimeoutMs: number;
  /** More server settings for the embedded PostgreSQL, as pg_ctl options (`HUB_PG_SETTINGS`). */
  postgresSettings: string[];
}

/** How long a connection may take to send its request, or stay idle, and how many may be open at once. */
export interface ConnectionLimits {
  /** Longest wait for a request's headers, from the connection's start or its previous request. */
  headersTimeoutMs: number;
  /** Longest wait for a whole request, body included. */
  requestTimeoutMs: number;
  /** Longest idle time of a kept-alive connection between requests. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed when accepted. */
  maxConnections: number;
}

export interface HttpCacheConfig {
  /** `max-age`: seconds a cache may answer with a stored answer without asking the hub. */
  maxAgeSeconds: number;
  /** `stale-while-revalidate`: seconds past max-age a cache may answer while it revalidates in the background. */
  staleWhileRevalidateSeconds: number;
}

export interface RequestLimits {
  /** Highest cost of one operation: an upper bound of its answer's bytes, in points of 64 bytes (graphql/field-cost.ts). */
  maxCost: number;
  /** Largest answer, in bytes of JSON: a larger one is replaced by RESPONSE_TOO_LARGE before it is sent. */
  maxResponseBytes: number;
  /** Rows a read request may read in all (HUB_MAX_ROWS): what it builds while it runs grows with them. */
  maxRows: number;
  /** Most field selections once fragments are expanded (what the cost analysis visits). */
  maxNodes: number;
  /** Deepest field nesting (fragments flattened). */
  maxDepth: number;
  /** Most aliases in one operation. */
  maxAliases: number;
  /** Most directives in one operation. */
  maxDirectives: number;
  /** Most lexical tokens in one document. */
  maxTokens: number;
  /** Largest request body (POST) or query string (GET), in bytes. */
  maxBodyBytes: number;
  /** Deadline of one request; its SQL is cancelled when it passes or the client goes away. */
  requestTimeoutMs: number;
  /** For requests with a valid API token (imports): largest body, deadline, most files, largest file. */
  importMaxBodyBytes: number;
  importTimeoutMs: number;
  importMaxFiles: number;
  importMaxFileBytes: number;
  /** Exports (`/export/…`) running at once, and per client address; more → 429. */
  exportConcurrency: number;
  exportPerClient: number;
  /** An export's deadline, and how long it waits for a reader that takes no data before cutting it off. */
  exportTimeoutMs: number;
  exportWriteTimeoutMs: number;
  /** Requests costing more than this are heavy: at most `heavyConcurrency` of them run at once. */
  heavyCost: number;
  /** Heavy requests running at once (the rest wait, within their deadline). */
  heavyConcurrency: number;
  /** Requests costing more than this (and at most `heavyCost`) run at most `mediumConcurrency` at once. */
  mediumCost: number;
  mediumConcurrency: number;
  /** Connections kept free of heavy requests, so that small requests are always served. */
  reservedConnections: number;
}

export interface ThrottleConfig {
  /** Cost points a client may spend at once (0: no throttle). */
  bucketSize: number;
  /** Cost points given back per second. */
  restorePerSecond: number;
  /** Clients remembered at once (least recently seen forgotten first, i.e. given a full bucket). */
  maxClients: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment once; every setting is listed in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV || 'development';
  const isProduction = nodeEnv === 'production';
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.HUB_DATA_DIR || path.join(PROJECT_ROOT, '.data')),
    nodeEnv,
    isProduction,
    logLevel,
    sandbox: flag(env, 'APOLLO_SANDBOX', !isProduction),
    loadSeeds: flag(env, 'HUB_LOAD_SEEDS', true),
    seedsDir: path.resolve(env.HUB_SEEDS_DIR || path.join(PROJECT_ROOT, 'seeds')),
    responseCacheBytes: integer(env, 'HUB_RESPONSE_CACHE_BYTES', 64 * 1024 * 1024, 0, 16 * 1024 ** 3),
    responseCacheEntryBytes: integer(env, 'HUB_RESPONSE_CACHE_ENTRY_BYTES', 4 * 1024 * 1024, 1_024, 1024 ** 3),
    responseCacheTtlMs: integer(env, 'HUB_RESPONSE_CACHE_TTL_MS', 300_000, 1_000, 86_400_000),
    redisUrl: redisUrl(env),
    memoryGuardPercent: integer(env, 'HUB_MEMORY_GUARD_PERCENT', 80, 0, 100),
    httpCache: {
      maxAgeSeconds: integer(env, 'HUB_HTTP_MAX_AGE_SECONDS', 10, 0, 86_400),
      staleWhileRevalidateSeconds: integer(env, 'HUB_HTTP_STALE_WHILE_REVALIDATE_SECONDS', 20, 0, 86_400),
    },
    limits: {
      maxCost: integer(env, 'HUB_MAX_COST', 500_000, 1, 100_000_000),
      maxResponseBytes: integer(env, 'HUB_MAX_RESPONSE_BYTES', 8 * 1024 * 1024, 1_000, 1024 * 1024 * 1024),
      maxRows: integer(env, 'HUB_MAX_ROWS', 50_000, 100, 10_000_000),
      maxNodes: integer(env, 'HUB_MAX_FIELDS', 5_000, 10, 10_000_000),
      maxDepth: integer(env, 'HUB_MAX_DEPTH', 12, 1, 1_000),
      maxAliases: integer(env, 'HUB_MAX_ALIASES', 30, 0, 100_000),
      maxDirectives: integer(env, 'HUB_MAX_DIRECTIVES', 30, 0, 100_000),
      maxTokens: integer(env, 'HUB_MAX_TOKENS', 5_000, 10, 10_000_000),
      maxBodyBytes: integer(env, 'HUB_MAX_BODY_BYTES', 100_000, 1_000, 100 * 1024 * 1024),
      requestTimeoutMs: integer(env, 'HUB_REQUEST_TIMEOUT_MS', 5_000, 100, 600_000),
      importMaxBodyBytes: integer(env, 'HUB_IMPORT_MAX_BODY_BYTES', 128 * 1024 * 1024, 1_000, 1024 * 1024 * 1024),
      importTimeoutMs: integer(env, 'HUB_IMPORT_TIMEOUT_MS', 600_000, 1_000, 3_600_000),
      importMaxFiles: integer(env, 'HUB_IMPORT_MAX_FILES', 30_000, 1, 1_000_000),
      importMaxFileBytes: integer(env, 'HUB_IMPORT_MAX_FILE_BYTES', 5 * 1024 * 1024, 1_000, 1024 * 1024 * 1024),
      exportConcurrency: integer(env, 'HUB_EXPORT_CONCURRENCY', 2, 1, 100),
      exportPerClient: integer(env, 'HUB_EXPORT_PER_CLIENT', 1, 1, 100),
      exportTimeoutMs: integer(env, 'HUB_EXPORT_TIMEOUT_MS', 300_000, 1_000, 3_600_000),
      exportWriteTimeoutMs: integer(env, 'HUB_EXPORT_WRITE_TIMEOUT_MS', 10_000, 100, 600_000),
      heavyCost: integer(env, 'HUB_HEAVY_COST', 10_000, 0, 100_000_000),
      heavyConcurrency: integer(env, 'HUB_HEAVY_CONCURRENCY', 1, 1, 1_000),
      mediumCost: integer(env, 'HUB_MEDIUM_COST', 300, 0, 100_000_000),
      mediumConcurrency: integer(env, 'HUB_MEDIUM_CONCURRENCY', 3, 1, 1_000),
      reservedConnections: integer(env, 'HUB_RESERVED_CONNECTIONS', 3, 0, 1_000),
    },
    connections: {
      headersTimeoutMs: integer(env, 'HUB_HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
      requestTimeoutMs: integer(env, 'HUB_RECEIVE_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
      keepAliveTimeoutMs: integer(env, 'HUB_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
      maxConnections: integer(env, 'HUB_MAX_CONNECTIONS', 1_000, 1, 1_000_000),
    },
    throttle: {
      bucketSize: integer(env, 'HUB_THROTTLE_BUCKET', 3_000_000, 0, 1_000_000_000),
      restorePerSecond: integer(env, 'HUB_THROTTLE_RESTORE_PER_SECOND', 600_000, 1, 1_000_000_000),
      maxClients: integer(env, 'HUB_THROTTLE_MAX_CLIENTS', 100_000, 1, 10_000_000),
    },
    poolSize: integer(env, 'HUB_POOL_SIZE', 10, 2, 1_000),
    compiledExecution: flag(env, 'HUB_COMPILED_EXECUTION', true),
    preparedStatements: flag(env, 'HUB_PREPARED_STATEMENTS', true),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    databaseStartTimeoutMs: integer(env, 'DATABASE_START_TIMEOUT_MS', 12_000, 1_000, 600_000),
    postgresSettings: postgresSettings(env.HUB_PG_SETTINGS),
  };
}

/**
 * `HUB_PG_SETTINGS`: more server settings for the embedded PostgreSQL, space-separated `name=value`
 * (e.g. `shared_buffers=512MB max_wal_size=8GB` for a large import), as `-c name=value` options. Each must
 * look like a setting: the list is passed to pg_ctl's command line, so anything else is refused rather than quoted.
 */
export function postgresSettings(text: string | undefined): string[] {
  const settings = (text ?? '').split(/\s+/).filter(Boolean);
  for (const setting of settings) {
    if (!/^[a-z_][a-z0-9_.]*=[A-Za-z0-9_.]+$/.test(setting)) {
      throw new ConfigError(
        `HUB_PG_SETTINGS: "${setting}" is not a name=value setting (letters, digits, _ and . only)`,
      );
    }
  }
  return settings.map((setting) => `-c ${setting}`);
}

function redisUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.REDIS_URL || undefined;
  if (url && !/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  return url;
}
