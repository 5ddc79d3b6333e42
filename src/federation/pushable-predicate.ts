/** A literal of a pushable predicate, as the model's DuckDB query wrote it. */
export type PredicateLiteral =
  /** A numeric constant, as written (`42`, `-2.5`). */
  | { readonly kind: 'number'; readonly text: string }
  /** A string constant. */
  | { readonly kind: 'string'; readonly value: string }
  /** `DATE 'yyyy-mm-dd'`. */
  | { readonly kind: 'date'; readonly value: string }
  /** `TIMESTAMP 'yyyy-mm-dd[ hh:mm[:ss[.ffffff]]]'`. */
  | { readonly kind: 'timestamp'; readonly value: string };

/** A comparison operator a pushed predicate may use. */
export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * A filter on one column of one table, in a form that rejects NULL (a row whose column is NULL never
 * passes it), which is what makes pushing it below joins, outer ones included, keep every row the
 * query keeps. `column` is the catalog's spelling.
 */
export type PushablePredicate =
  /** `column op literal`. */
  | { readonly form: 'comparison'; readonly column: string; readonly operator: ComparisonOperator; readonly literal: PredicateLiteral }
  /** `column BETWEEN low AND high`. */
  | { readonly form: 'between'; readonly column: string; readonly low: PredicateLiteral; readonly high: PredicateLiteral }
  /** `column IN (literals)`. */
  | { readonly form: 'in'; readonly column: string; readonly literals: readonly PredicateLiteral[] }
  /** `column LIKE 'pattern'`, without ESCAPE. */
  | { readonly form: 'like'; readonly column: string; readonly pattern: string }
  /** `column IS NOT NULL`. */
  | { readonly form: 'not-null'; readonly column: string };

/**
 * An equality between a column of the table and a column of another table read once, in a place where
 * a filter on the table may be pushed: every row the query keeps has, in `column`, a value the other
 * table's extraction holds in `fromColumn`.
 */
export interface JoinKey {
  /** The table's column, in catalog spelling. */
  readonly column: string;
  /** The other table, by lower-case qualified name. */
  readonly fromTable: string;
  /** Its column, in catalog spelling. */
  readonly fromColumn: string;
}

/** The predicates found for one table of a federated query. */
export interface TablePredicates {
  /** How many times the query names the table (subqueries and CTEs included). */
  readonly references: number;
  /** Filters of the one SELECT (or join) that reads it which touch only that table; empty unless `references` is 1. */
  readonly predicates: readonly PushablePredicate[];
  /** Equalities with columns of other tables read once, at the same places; empty unless `references` is 1. */
  readonly joinKeys: readonly JoinKey[];
}
