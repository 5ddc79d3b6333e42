import { Redis } from 'ioredis';
import type { CacheStore } from './cache-store.js';

/** Minimal logger surface (pino-compatible). */
export interface CacheLogger {
  /** Logs a degraded but serving state. */
  warn(object: object, message?: string): void;
  /** Logs recovery. */
  info(object: object, message?: string): void;
}

/**
 * Redis shared by replicas, falling back to a local store while Redis is unreachable: a cache
 * outage costs LLM calls, never a failed request. Commands fail fast (no offline queue) so a
 * down Redis adds no latency; the warning is logged once per outage, not per request.
 */
export class RedisCacheStore implements CacheStore {
  readonly kind = 'redis';
  readonly #redis: Redis;
  readonly #fallback: CacheStore;
  readonly #logger: CacheLogger;
  readonly #prefix: string;
  #degraded = false;

  constructor(url: string, fallback: CacheStore, logger: CacheLogger, prefix = 'switchyard:cache:') {
    this.#fallback = fallback;
    this.#logger = logger;
    this.#prefix = prefix;
    this.#redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Without a listener ioredis reports every failed reconnect as an unhandled 'error' event.
    this.#redis.on('error', (error: Error) => this.#degrade(error));
    this.#redis.on('ready', () => {
      if (this.#degraded) this.#logger.info({ cache: 'redis' }, 'redis cache reachable again');
      this.#degraded = false;
    });
  }

  /** True while requests are served by the fallback store. */
  get degraded(): boolean {
    return this.#degraded;
  }

  async get(key: string): Promise<string | undefined> {
    if (this.#redis.status !== 'ready') return this.#degrade(new Error(`redis is ${this.#redis.status}`), () => this.#fallback.get(key));
    try {
      return (await this.#redis.get(this.#prefix + key)) ?? undefined;
    } catch (error) {
      return this.#degrade(error, () => this.#fallback.get(key));
    }
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (this.#redis.status !== 'ready') return this.#degrade(new Error(`redis is ${this.#redis.status}`), () => this.#fallback.set(key, value, ttlMs));
    try {
      await this.#redis.set(this.#prefix + key, value, 'PX', ttlMs);
    } catch (error) {
      await this.#degrade(error, () => this.#fallback.set(key, value, ttlMs));
    }
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
    await this.#fallback.close();
  }

  #degrade(error: unknown): undefined;
  #degrade<Result>(error: unknown, fallback: () => Promise<Result>): Promise<Result>;
  #degrade<Result>(error: unknown, fallback?: () => Promise<Result>): Promise<Result> | undefined {
    if (!this.#degraded) {
      this.#degraded = true;
      this.#logger.warn({ cache: 'redis', error: error instanceof Error ? error.message : String(error) }, 'redis cache unreachable; using the in-memory cache');
    }
    return fallback?.();
  }
}
