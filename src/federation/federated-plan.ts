import type { QueryResult, RequestLanguage } from '../connectors/connector.js';
import type { GuardRequest } from '../guard/sql-guard.js';

/**
 * A filter a part takes from another part's rows at run time (a semi-join reduction): the part keeps
 * only rows whose `column` holds a value the other part extracted in `fromColumn`.
 */
export interface PartKeyFilter {
  /** The part's column (catalog spelling). */
  readonly column: string;
  /** The index of the part whose rows give the values; it never waits for another part itself. */
  readonly fromPart: number;
  /** That part's column. */
  readonly fromColumn: string;
}

/** A SQL part's extraction in pieces, so a key filter can be added at run time and the result guarded again. */
export interface SqlExtraction {
  /** `SELECT <columns> FROM <table>` in the source's dialect. */
  readonly select: string;
  /** The pushed filters in the source's dialect. */
  readonly filters: readonly string[];
  /** What the guard judges the extraction with, besides its text. */
  readonly guard: Omit<GuardRequest, 'sql'>;
}

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
  /** The catalog type of each extracted column, aligned with `columns`. */
  readonly columnTypes: readonly string[];
  /**
   * Every column of the table in catalog order with its catalog type. The combine table has them all,
   * those not extracted left NULL, so a column renamed by position (`AS x(a, b)`) is the catalog's.
   */
  readonly tableColumns: readonly { readonly name: string; readonly type: string }[];
  /** Each filter pushed into the extraction, as DuckDB SQL text of the model's query (for display). */
  readonly pushedFilters: readonly string[];
  /** The extraction statement as it runs on the source: guarded, with its row cap applied; a REST part's requests, one a line. */
  readonly sql: string;
  /** What the source's connector takes: SQL, or request text (`GET /path?query`) for a REST operation. */
  readonly requestLanguage: RequestLanguage;
  /** What runs on the source, in order: the one SQL statement, or one GET request per required-parameter value (none when no value can match). */
  readonly statements: readonly string[];
  /** Most rows the part may move: its SQL is limited to one more, so the runner holds it to at most this whatever its own cap. */
  readonly rowCap: number;
  /** Filters whose values come from other parts' rows at run time; the part then runs once those parts are done. */
  readonly keyFilters: readonly PartKeyFilter[];
  /** SQL parts: the extraction in pieces, for adding key filters. */
  readonly extraction?: SqlExtraction;
  /** REST parts: each request's required-parameter values, aligned with `statements`. */
  readonly requestParameters?: readonly Readonly<Record<string, string | number>>[];
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
  /** The part's source. */
  readonly source: string;
  /** The part's table. */
  readonly table: string;
  /** Rows the part moved from its source into the combine step. */
  readonly rows: number;
  /** Approximate bytes the part moved (JSON size of its values). */
  readonly bytes: number;
  /** Wall time of the extraction in milliseconds (after any part it took key values from was done). */
  readonly milliseconds: number;
  /** What ran on the source, statements one a line: the plan's `sql`, or with key filters added. */
  readonly sql: string;
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
