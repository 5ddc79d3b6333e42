import { BoundedTtlCache } from './bounded-ttl-cache.js';
import type { CacheStore } from './cache-store.js';

/** A bounded LRU in process memory, for one replica; each entry carries the TTL it was stored with. */
export class MemoryCacheStore implements CacheStore {
  readonly kind = 'memory';
  readonly #entries: BoundedTtlCache<string>;

  constructor(maxEntries: number) {
    this.#entries = new BoundedTtlCache({ capacity: maxEntries });
  }

  /** Entries held now (expired ones included until touched or evicted). */
  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#entries.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, value, ttlMs);
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}
