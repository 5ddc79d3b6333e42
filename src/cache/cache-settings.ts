import type { ServiceConfig } from '../config/service-config.js';

/** Generated-SQL and result cache settings. */
export interface CacheSettings {
  /** SWITCHYARD_CACHE: `on` (default) or `off`. */
  readonly enabled: boolean;
  /** SWITCHYARD_CACHE_REDIS_URL, else SWITCHYARD_REDIS_URL: Redis shared by replicas; memory when unset. */
  readonly redisUrl: string | undefined;
  /** SWITCHYARD_CACHE_MAX_ENTRIES: LRU bound of the memory store (default 2000). */
  readonly maxEntries: number;
  /** SWITCHYARD_CACHE_MAX_ENTRY_BYTES: larger results are not cached (default 1 MiB). */
  readonly maxEntryBytes: number;
  /** SWITCHYARD_SQL_CACHE_TTL_MS: generated SQL lifetime (default 24 h; a catalog change invalidates sooner). */
  readonly sqlTtlMs: number;
  /** SWITCHYARD_RESULT_CACHE_TTL_MS: result lifetime for sources without their own (default 5 min). */
  readonly resultTtlMs: number;
  /** SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE: JSON object source → TTL in ms; 0 disables result caching for it. */
  readonly resultTtlBySource: Readonly<Record<string, number>>;
}

/** The cache settings of the service config. */
export function readCacheSettings(config: ServiceConfig): CacheSettings {
  return {
    enabled: config.cacheMode === 'on',
    // The cache may have its own Redis (or database number); by default it shares the service's.
    redisUrl: config.cacheRedisUrl ?? config.redisUrl,
    maxEntries: config.cacheMaxEntries,
    maxEntryBytes: config.cacheMaxEntryBytes,
    sqlTtlMs: config.sqlCacheTtlMs,
    resultTtlMs: config.resultCacheTtlMs,
    resultTtlBySource: config.resultCacheTtlBySource,
  };
}
