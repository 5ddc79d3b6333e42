/**
 * A bounded least-recently-used map whose entries expire after a time to live. Map insertion order
 * is the recency order: a read re-inserts the entry, and the oldest entry is evicted past `capacity`.
 * One in-process implementation serves typed records (query records) and the string cache store.
 */
export class BoundedTtlCache<Value> {
  readonly #entries = new Map<string, { value: Value; expiresAt: number }>();
  readonly #capacity: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  /** Without `ttlMs`, entries live until evicted unless `set` is given its own time to live. */
  constructor(options: { capacity: number; ttlMs?: number; now?: () => number }) {
    this.#capacity = options.capacity;
    this.#ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    // Read the clock at call time, so tests that fake timers after construction still steer expiry.
    this.#now = options.now ?? (() => Date.now());
  }

  /** The live value for `key`, refreshing its recency; undefined when absent or expired. */
  get(key: string): Value | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` for `ttlMs` (default: the cache's own), evicting least recently used entries past the capacity. */
  set(key: string, value: Value, ttlMs: number = this.#ttlMs): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear();
  }

  /** Number of entries held, expired ones included until they are touched or evicted. */
  get size(): number {
    return this.#entries.size;
  }
}
