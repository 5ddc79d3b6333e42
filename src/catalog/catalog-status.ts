import type { CatalogSnapshot } from './catalog-types.js';

/** Load state of one source in GET /catalog/status. */
export interface SourceLoadStatus {
  /** Source name. */
  readonly name: string;
  /** Where its metadata comes from (`introspection`, `glue`). */
  readonly origin: string;
  /** False when the last load failed (its last good metadata is still served). */
  readonly healthy: boolean;
  /** When its metadata was last loaded successfully. */
  readonly loadedAt: string | null;
  /** Tables served. */
  readonly tables: number;
  /** Why the last load failed. */
  readonly error: string | null;
  /** When the next load of an unavailable source is due (ISO-8601); absent when none is pending. */
  readonly nextLoadAttemptAt?: string;
}

/** GET /catalog/status body. */
export interface CatalogStatus {
  /** Version (content hash) of the served snapshot. */
  readonly version: string | null;
  /** When the served snapshot was built. */
  readonly builtAt: string | null;
  /** True while a refresh runs. */
  readonly refreshing: boolean;
  /** The last refresh attempt. */
  readonly lastRefresh?: { startedAt: string; finishedAt?: string; error?: string; warnings?: string[] };
  /** Scheduled refresh interval; 0 when off. */
  readonly refreshIntervalSeconds: number;
  /** Per-source load state. */
  readonly sources: SourceLoadStatus[];
}

/** The GET /catalog/status body for the served snapshot (undefined before the first load). */
export function catalogStatusOf(
  snapshot: CatalogSnapshot | undefined,
  refreshing: boolean,
  lastRefresh: CatalogStatus['lastRefresh'],
  refreshIntervalSeconds: number,
  nextLoadAttemptAt: (name: string) => number | undefined,
): CatalogStatus {
  return {
    version: snapshot?.version ?? null,
    builtAt: snapshot?.builtAt ?? null,
    refreshing,
    ...(lastRefresh ? { lastRefresh } : {}),
    refreshIntervalSeconds,
    sources: (snapshot?.sources ?? []).map((source) => {
      const dueAt = source.status.healthy ? undefined : nextLoadAttemptAt(source.name);
      return {
        name: source.name,
        origin: source.origin ?? 'introspection',
        healthy: source.status.healthy,
        loadedAt: source.status.loadedAt ?? null,
        tables: source.tables.length,
        error: source.status.error ?? null,
        ...(dueAt === undefined ? {} : { nextLoadAttemptAt: new Date(dueAt).toISOString() }),
      };
    }),
  };
}
