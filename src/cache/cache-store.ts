/** A string key-value store with per-entry expiry: memory (one replica) or Redis (shared by replicas). */
export interface CacheStore {
  /** Where entries live, for logs and tests (`memory` or `redis`). */
  readonly kind: string;
  /** The value under `key`, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Releases connections; idempotent. */
  close(): Promise<void>;
}
