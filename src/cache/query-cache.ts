import crypto from 'node:crypto';
import { answerSourceNames } from '../sources/answer-source-name.js';
import type { QueryResponse } from '../schemas/query-schema.js';
import type { CacheSettings } from './cache-settings.js';
import type { CacheStore } from './cache-store.js';

/** What the generated-SQL layer remembers: the route, and the statement as written and as it ran. */
export interface CachedPlan {
  /** Routed (or requested) source. */
  readonly source: string;
  /** Tables chosen for the question. */
  readonly tables: string[];
  /** The SQL that ran, after the guard (the request text, for a REST source). */
  readonly sql: string;
  /** The statement as the model wrote it: a hit checks it again and runs it, without routing or writing. */
  readonly written: string;
  /** The guard's verdict on that SQL. */
  readonly guard: QueryResponse['guard'];
}

/** Response fields that belong to one request and are never replayed from the cache. */
export type PerRequestField = 'timings' | 'usage' | 'cache' | 'attempts' | 'conversationId' | 'queryId';

/** What the result layer remembers: the rows, the words explaining them, and the rest of the response. */
export interface CachedResult {
  /** The response without its per-request fields. */
  readonly response: Omit<QueryResponse, PerRequestField>;
  /** How to re-run the query in full (`rows.csv`), so a hit gets its own download id; absent for entries without one. */
  readonly download?: { readonly modelSql: string; readonly allowedTables: string[] };
}

/** Identifies one question as asked by one client against one catalog version. */
export interface PlanKeyParts {
  /** The question as asked. */
  readonly question: string;
  /** Source named by the request, or undefined when routing chose. */
  readonly requestedSource: string | undefined;
  /** Catalog snapshot version: a refresh that changes metadata changes every key. */
  readonly catalogVersion: string;
  /** The client's allowed sources, so scopes never share routes. */
  readonly scope: string;
  /** Row cap of the request. */
  readonly maxRows: number;
}

// Bumped whenever the stored shapes change, so replicas of different releases sharing a Redis never read each other's entries.
const formatVersion = 'v2';

/** Lower-case, single spaces, no trailing punctuation: "How many sales?" and "how many  sales" are one question. */
export function normaliseQuestion(question: string): string {
  return question.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ').replace(/[\s?.!]+$/, '');
}

function digest(parts: unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Generated-SQL cache and result cache over one store; neither layer ever fails a request. */
export class QueryCache {
  readonly #store: CacheStore;
  readonly #settings: CacheSettings;

  constructor(store: CacheStore, settings: CacheSettings) {
    this.#store = store;
    this.#settings = settings;
  }

  /** The backing store's kind. */
  get storeKind(): string {
    return this.#store.kind;
  }

  /** Key of the generated-SQL layer. */
  planKey(parts: PlanKeyParts): string {
    return `${formatVersion}:plan:${digest([normaliseQuestion(parts.question), parts.requestedSource ?? '', parts.catalogVersion, parts.scope, parts.maxRows])}`;
  }

  /** Key of the result layer: the answer depends on the question as well as on the SQL. */
  resultKey(planKey: string, plan: CachedPlan, explain: boolean): string {
    return `${formatVersion}:result:${digest([planKey, plan.source, plan.sql, explain])}`;
  }

  /** The result TTL of an answer's source (the lowest of a federated answer's sources); 0 means results of that source are never cached. */
  resultTtlFor(source: string): number {
    // A federated answer lives no longer than the freshest of its sources allows.
    return Math.min(...answerSourceNames(source).map((name) => this.#settings.resultTtlBySource[name] ?? this.#settings.resultTtlMs));
  }

  /** A cached plan, or undefined. */
  async getPlan(key: string): Promise<CachedPlan | undefined> {
    const plan = await this.#read<CachedPlan>(key);
    return typeof plan?.sql === 'string' && typeof plan.written === 'string' && typeof plan.source === 'string' && Array.isArray(plan.tables) ? plan : undefined;
  }

  /** A cached result, or undefined. */
  async getResult(key: string): Promise<CachedResult | undefined> {
    const result = await this.#read<CachedResult>(key);
    return Array.isArray(result?.response?.rows) ? result : undefined;
  }

  /** Remembers a plan. */
  async setPlan(key: string, plan: CachedPlan): Promise<void> {
    await this.#write(key, plan, this.#settings.sqlTtlMs);
  }

  /** Remembers a result for its source's TTL. */
  async setResult(key: string, source: string, result: CachedResult): Promise<void> {
    const ttl = this.resultTtlFor(source);
    if (ttl > 0) await this.#write(key, result, ttl);
  }

  /** Closes the store. */
  close(): Promise<void> {
    return this.#store.close();
  }

  async #read<Value>(key: string): Promise<Value | undefined> {
    const text = await this.#store.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as Value);
  }

  async #write(key: string, value: unknown, ttlMs: number): Promise<void> {
    const text = JSON.stringify(value);
    // Huge results would evict everything else (memory) or bloat Redis; they are cheap to skip.
    if (Buffer.byteLength(text) > this.#settings.maxEntryBytes) return;
    await this.#store.set(key, text, ttlMs);
  }
}
