/**
 * A bounded least-recently-used map whose entries expire after a time to live. Map insertion order
 * is the recency order: a read re-inserts the entry, and the oldest entry is evicted past `capacity`.
 */
export class BoundedTtlCache<Value> {
  readonly #entries = new Map<string, { value: Value; expiresAt: number }>();
  readonly #capacity: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: { capacity: number; ttlMs: number; now?: () => number }) {
    this.#capacity = options.capacity;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
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

  /** Stores `value`, evicting the least recently used entries beyond the capacity. */
  set(key: string, value: Value): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  /** Number of entries held, expired ones included until they are touched or evicted. */
  get size(): number {
    return this.#entries.size;
  }
}
