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
