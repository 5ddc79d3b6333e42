import { randomUUID } from 'node:crypto';
import { BoundedTtlCache } from '../cache/bounded-ttl-cache.js';

/** What a download needs to run a query again. */
export interface QueryRecord {
  /** The routed source. */
  readonly source: string;
  /** The SQL as the model wrote it (before the guard capped its rows); re-guarded at download time. */
  readonly modelSql: string;
  /** Tables the question was allowed to read. */
  readonly allowedTables: string[];
}

/**
 * Recent answered queries by id, so `GET /query/{id}/rows.csv` can re-run them. Bounded and
 * expiring; ids are random UUIDs, so one client cannot enumerate another's queries.
 */
export class QueryRecordStore {
  readonly #cache: BoundedTtlCache<QueryRecord>;

  constructor(options: { capacity: number; ttlSeconds: number }) {
    this.#cache = new BoundedTtlCache({ capacity: options.capacity, ttlMs: options.ttlSeconds * 1000 });
  }

  /** Stores a record and returns its new id. */
  add(record: QueryRecord): string {
    const id = randomUUID();
    this.#cache.set(id, record);
    return id;
  }

  /** The record, or undefined when unknown or expired. */
  get(id: string): QueryRecord | undefined {
    return this.#cache.get(id);
  }
}
