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
  /** Client name of the API key that asked; undefined when auth is off, where every caller is one anonymous client. */
  readonly owner: string | undefined;
}

/**
 * Recent answered queries by id, so `GET /query/{id}/rows.csv` can re-run them. Bounded and
 * expiring; ids are random UUIDs, so one client cannot enumerate another's queries, and a record is
 * only ever handed to the client that asked it, so an id that leaks (a shared link, a log line, a
 * browser history) gives another client allowed the same source nothing.
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

  /**
   * The record when `owner` asked it; undefined when unknown, expired or another client's, so a
   * foreign id cannot be told apart from one that never existed.
   */
  get(id: string, owner: string | undefined): QueryRecord | undefined {
    const record = this.#cache.get(id);
    return record !== undefined && record.owner === owner ? record : undefined;
  }
}
