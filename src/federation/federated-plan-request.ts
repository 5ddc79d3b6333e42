import type { CatalogTable } from '../catalog/catalog-types.js';
import type { HttpOperationShape } from '../connectors/connector.js';
import type { SourceDialectName } from '../dialects/sql-dialect.js';
import type { GuardRequest, GuardRule, SqlGuard } from '../guard/sql-guard.js';
import type { FederatedPlan } from './federated-plan.js';

/** One source a federated query may read, with what the planner must know of it. */
export interface FederatedSource {
  /** Source name: the qualifier of its tables in the model's query (`hr` in `hr.employees`). */
  readonly name: string;
  /** Its SQL dialect, or `openapi` for a REST source whose GET operations are read as tables. */
  readonly dialect: SourceDialectName;
  /** Its catalog tables: names as written in its SQL, columns in ordinal order with their types and `pii` flags. */
  readonly tables: readonly Pick<CatalogTable, 'name' | 'columns'>[];
  /** The schema its connection names, which the guard treats as its default. */
  readonly defaultSchema?: string;
  /** Functions its overlay allows beyond the dialect's list (judged in its own extraction only). */
  readonly allowedFunctions?: readonly string[];
  /** MySQL: its sessions read backslash escapes in strings. */
  readonly backslashEscapes?: boolean;
  /** REST sources: each operation read as a table, by table (operationId); the connector's `describeOperation` gives them. */
  readonly operations?: Readonly<Record<string, HttpOperationShape>>;
}

/** What the planner is asked: one model query in DuckDB SQL over source-qualified names. */
export interface FederatedPlanRequest {
  /** The model's query. */
  readonly sql: string;
  /** The sources the query may read; a table of any other source is refused as an unknown table. */
  readonly sources: readonly FederatedSource[];
  /** The read-only guard (created, so checks are synchronous). */
  readonly guard: SqlGuard;
  /** Most rows the combine query may return; the caller passes one past the answer's cap to detect truncation. */
  readonly rowLimit: number;
  /** Most rows one part may move; each SQL extraction is limited to one more, so an overflow is seen, never cut. */
  readonly partRowCap: number;
  /** False extracts whole tables (the projection still applies): for measuring what the pushdown saves. Default true. */
  readonly pushdown?: boolean;
}

/** The planner's answer. */
export type FederatedPlanVerdict =
  | {
      /** The query may run as this plan. */
      readonly allowed: true;
      /** The plan: the combine query and one extraction per table read. */
      readonly plan: FederatedPlan;
      /** Relations the combine query reads, as written. */
      readonly tables: string[];
      /** Functions the combine query calls. */
      readonly functions: string[];
      /** True when the guard added or tightened the combine query's LIMIT. */
      readonly limitApplied: boolean;
    }
  | {
      /** The query was refused by the guard, as DuckDB SQL over the sources' qualified tables. */
      readonly allowed: false;
      /** The guard rule it broke. */
      readonly rule: GuardRule;
      /** The guard's sentence, for the user and the repair prompt. */
      readonly reason: string;
      /** Relations the query names, as written (CTE names left out), when it parses: the caller checks them against the key's sources. */
      readonly tables: string[];
      /** The guard request the combine query was judged by, for a second look at forbidden sources (SourceScope.assertNoForbiddenTable). */
      readonly guardRequest: GuardRequest;
    };
