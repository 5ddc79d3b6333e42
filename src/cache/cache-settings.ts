import { SwitchyardError } from '../errors/switchyard-error.js';
import { readEnvironmentInteger } from '../config/environment-integer.js';

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

function ttlBySource(raw: string | undefined): Record<string, number> {
  if (raw === undefined || raw.trim() === '') return {};
  const problem = new SwitchyardError('SWY_ERR_CONFIG_INVALID', 'SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE must be a JSON object of source → milliseconds', {
    details: { variable: 'SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE' },
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw problem;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw problem;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (!entries.every(([, value]) => Number.isInteger(value) && (value as number) >= 0)) throw problem;
  return Object.fromEntries(entries) as Record<string, number>;
}

/** Reads the cache settings from the environment. */
export function readCacheSettings(environment: NodeJS.ProcessEnv): CacheSettings {
  const mode = (environment.SWITCHYARD_CACHE ?? 'on').trim().toLowerCase() || 'on';
  if (mode !== 'on' && mode !== 'off') {
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', 'SWITCHYARD_CACHE must be on or off', { details: { variable: 'SWITCHYARD_CACHE' } });
  }
  // The cache may have its own Redis (or database number); by default it shares the service's.
  const redisUrl = (environment.SWITCHYARD_CACHE_REDIS_URL || environment.SWITCHYARD_REDIS_URL)?.trim();
  return {
    enabled: mode === 'on',
    redisUrl: redisUrl ? redisUrl : undefined,
    maxEntries: readEnvironmentInteger(environment, 'SWITCHYARD_CACHE_MAX_ENTRIES', 2000, 1),
    maxEntryBytes: readEnvironmentInteger(environment, 'SWITCHYARD_CACHE_MAX_ENTRY_BYTES', 1024 * 1024, 1),
    sqlTtlMs: readEnvironmentInteger(environment, 'SWITCHYARD_SQL_CACHE_TTL_MS', 24 * 60 * 60 * 1000, 1),
    resultTtlMs: readEnvironmentInteger(environment, 'SWITCHYARD_RESULT_CACHE_TTL_MS', 5 * 60 * 1000, 0),
    resultTtlBySource: ttlBySource(environment.SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE),
  };
}
