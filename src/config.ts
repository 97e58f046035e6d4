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
  /** Finished responses kept for repeated queries (0 turns the cache off); emptied by every import. */
  responseCacheEntries: number;
  /** Longest life of a cached response, should an import notification be missed. */
  responseCacheTtlMs: number;
  /** Longest wait for in-flight requests on SIGINT/SIGTERM. */
  shutdownTimeoutMs: number;
  /** Longest wait for the database at start. */
  databaseStartTimeoutMs: number;
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
    responseCacheEntries: integer(env, 'HUB_RESPONSE_CACHE_ENTRIES', 1_000, 0, 1_000_000),
    responseCacheTtlMs: integer(env, 'HUB_RESPONSE_CACHE_TTL_MS', 300_000, 1_000, 86_400_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    databaseStartTimeoutMs: integer(env, 'DATABASE_START_TIMEOUT_MS', 12_000, 1_000, 600_000),
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
