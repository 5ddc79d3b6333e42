/** Load state of one source: whether its metadata loaded and its engine answers. */
export interface SourceStatus {
  /** True when the last load or ping reached the engine. */
  readonly healthy: boolean;
  /** When metadata was last loaded (ISO-8601). */
  readonly loadedAt?: string;
  /** Why the source is unhealthy. */
  readonly error?: string;
}
