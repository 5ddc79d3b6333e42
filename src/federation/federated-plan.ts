import type { QueryResult } from '../connectors/connector.js';

/**
 * One extraction of a federated plan: the columns a query reads of one source table, with the filters
 * that touch only that table, written by Switchyard (never by the model) in the source's own dialect.
 */
export interface FederatedPart {
  /** Position in the plan, from 1; parts are named by it in errors and in the response. */
  readonly index: number;
  /** Switchyard source name. */
  readonly source: string;
  /** The source's dialect name, or `openapi` for a REST operation read as a table. */
  readonly dialect: string;
  /** Catalog table name within the source (as written in that source's SQL). */
  readonly table: string;
  /** How the combine query names it: `<source>.<table>`. */
  readonly combineTable: string;
  /** Columns extracted, in catalog spelling and order; never a personal-data column. */
  readonly columns: readonly string[];
  /** Each filter pushed into the extraction, as DuckDB SQL text of the model's query (for display). */
  readonly pushedFilters: readonly string[];
  /** The extraction statement as it runs on the source: guarded, with its row cap applied. */
  readonly sql: string;
}

/** What the planner derived from one model query over source-qualified names. */
export interface FederatedPlan {
  /** The model's query as it runs in the combine step: guarded as DuckDB SQL, with the answer's row cap. */
  readonly combineSql: string;
  /** One extraction per source table the query reads, in order of first reference. */
  readonly parts: readonly FederatedPart[];
}

/** How one part ran. */
export interface FederatedPartReport {
  /** The part's position in the plan. */
  readonly index: number;
  /** Rows the part moved from its source into the combine step. */
  readonly rows: number;
  /** Approximate bytes the part moved (JSON size of its values). */
  readonly bytes: number;
  /** Wall time of the extraction in milliseconds. */
  readonly milliseconds: number;
}

/** A federated plan's outcome: the combined rows and how every part ran. */
export interface FederatedRun {
  /** The combine query's rows. */
  readonly result: QueryResult;
  /** One report per part, in plan order. */
  readonly parts: readonly FederatedPartReport[];
  /** Wall time of the combine step (loading the parts and running the query) in milliseconds. */
  readonly combineMilliseconds: number;
}
