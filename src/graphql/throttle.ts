import { LRUCache } from 'lru-cache';
import type { ThrottleConfig } from '../config';

/** A client's bucket (Shopify's names), as the RateLimit headers tell it (rateLimitHeaders). */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * A leaky bucket of cost points per client (IP address, or API token): a request takes its requested
 * cost before it runs and gets back what it did not use; the bucket refills at `restorePerSecond` up to
 * `bucketSize`. Clients are kept in an LRU bounded by count, so memory stays bounded whatever the
 * number of addresses; a forgotten client simply starts with a full bucket.
 *
 * No maintained library does cost-weighted take-then-refund (rate-limiter-flexible counts points in
 * fixed windows), so the arithmetic is here; the storage is lru-cache.
 */
export class CostThrottle {
  private readonly buckets: LRUCache<string, { available: number; at: number }>;

  constructor(
    readonly config: ThrottleConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new LRUCache({ max: config.maxClients });
  }

  get enabled(): boolean {
    return this.config.bucketSize > 0;
  }

  private level(client: string): { available: number; at: number } {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { available: this.config.bucketSize, at: now };
    const available = Math.min(
      this.config.bucketSize,
      bucket.available + ((now - bucket.at) / 1000) * this.config.restorePerSecond,
    );
    const current = { available, at: now };
    this.buckets.set(client, current);
    return current;
  }

  /** Points the client's bucket holds now. */
  available(client: string): number {
    return this.level(client).available;
  }

  /** Takes `cost` points; when the bucket holds fewer, takes nothing and says how long to wait. */
  take(
    client: string,
    cost: number,
  ): { ok: true; status: ThrottleStatus } | { ok: false; retryAfterSeconds: number; status: ThrottleStatus } {
    const bucket = this.level(client);
    if (bucket.available < cost) {
      const retryAfterSeconds = Math.max(1, Math.ceil((cost - bucket.available) / this.config.restorePerSecond));
      return { ok: false, retryAfterSeconds, status: this.status(bucket.available) };
    }
    bucket.available -= cost;
    return { ok: true, status: this.status(bucket.available) };
  }

  /** Gives back what a request did not use. */
  refund(client: string, points: number): ThrottleStatus {
    const bucket = this.level(client);
    bucket.available = Math.min(this.config.bucketSize, bucket.available + Math.max(0, points));
    return this.status(bucket.available);
  }

  private status(available: number): ThrottleStatus {
    return {
      maximumAvailable: this.config.bucketSize,
      currentlyAvailable: Math.floor(available),
      restoreRate: this.config.restorePerSecond,
    };
  }
}

/** The names of the headers rateLimitHeaders writes: one client's state, never on an answer a cache may keep. */
export const RATE_LIMIT_HEADERS = ['ratelimit-policy', 'ratelimit'] as const;

/** The standard rate-limit headers (IETF draft-ietf-httpapi-ratelimit-headers) of a client's throttle bucket. */
export function rateLimitHeaders(status: ThrottleStatus): [(typeof RATE_LIMIT_HEADERS)[number], string][] {
  const window = Math.ceil(status.maximumAvailable / status.restoreRate);
  const untilFull = Math.ceil((status.maximumAvailable - status.currentlyAvailable) / status.restoreRate);
  return [
    ['ratelimit-policy', `"cost";q=${status.maximumAvailable};w=${window}`],
    ['ratelimit', `"cost";r=${Math.floor(status.currentlyAvailable)};t=${untilFull}`],
  ];
}

/** Why a request was throttled, with what it costs, what is left and when to retry (the 429's message). */
export function throttledMessage(cost: number, status: ThrottleStatus, retryAfterSeconds: number): string {
  return (
    `Throttled: this query costs ${cost} points and ${status.currentlyAvailable} are available; ` +
    `${status.restoreRate} points are restored per second, retry in ${retryAfterSeconds} s`
  );
}
