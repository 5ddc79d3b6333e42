import { securityCase, type SecurityCase, type SecurityEngine } from '../helpers/security-case.js';

/** Where the PII column sits in its table, for positional renaming. */
export interface PiiTableShape {
  /** Engine of the source. */
  readonly engine: SecurityEngine;
  /** Source the question names. */
  readonly source: string;
  /** Table holding the PII column. */
  readonly table: string;
  /** Number of columns of the table. */
  readonly columnCount: number;
  /** 1-based position of the PII column. */
  readonly piiPosition: number;
  /** First column of the table (an id). */
  readonly idColumn: string;
  /** Another visible text column. */
  readonly textColumn: string;
  /** The PII column's own name. */
  readonly piiColumn: string;
  /** A visible table joined on `joinKey = idColumn`. */
  readonly joinTable: string;
  /** The join table's column holding the id. */
  readonly joinKey: string;
  /** The engine's string aggregate over `x`. */
  readonly stringAggregate: string;
  /** The engine's list aggregate over `x`. */
  readonly listAggregate: string;
}

function positionalAliases(shape: PiiTableShape): string {
  return [...Array.from({ length: shape.piiPosition - 1 }, (_value, index) => `a${index + 1}`), 'x'].join(', ');
}

function fullAliases(shape: PiiTableShape): string {
  return Array.from({ length: shape.columnCount }, (_value, index) => (index + 1 === shape.piiPosition ? 'x' : `a${index + 1}`)).join(', ');
}

/** A set operation whose first branch names every column, so the PII column comes out as `x`. */
function firstBranchNaming(shape: PiiTableShape): string {
  const nulls = Array.from({ length: shape.columnCount }, (_value, index) => `NULL AS ${index + 1 === shape.piiPosition ? 'x' : `a${index + 1}`}`);
  return `(SELECT ${nulls.join(', ')} UNION ALL SELECT * FROM ${shape.table})`;
}

/** Class 3 shapes that rename through the table's column list or a CTE/derived column list. */
function renamedRelationCases(shape: PiiTableShape, renamed: string, prefix: string): SecurityCase[] {
  const make = (name: string, sql: string) => securityCase(3, shape.engine, `${prefix}-${name}`, shape.source, sql);
  const { joinTable, joinKey } = shape;
  return [
    make('plain', `SELECT u.x FROM ${renamed} LIMIT 5`),
    make('string-agg', `SELECT ${shape.stringAggregate} AS all_values FROM ${renamed}`),
    make('min-max', `SELECT min(x) AS lo, max(x) AS hi FROM ${renamed}`),
    make('list-aggregate', `SELECT ${shape.listAggregate} AS l FROM ${renamed}`),
    make('like-oracle', `SELECT count(*) AS n FROM ${renamed} WHERE x LIKE 'a%'`),
    make('order-oracle', `SELECT u.a1 FROM ${renamed} ORDER BY u.x LIMIT 1`),
    make('window', `SELECT u.a1, first_value(u.x) OVER (ORDER BY u.a1) AS f FROM ${renamed} LIMIT 3`),
    make('cast-error-echo', `SELECT CAST(u.x AS INTEGER) AS n FROM ${renamed} ORDER BY u.a1 LIMIT 1`),
    make('concat', `SELECT concat('contact: ', u.x) AS c FROM ${renamed} LIMIT 3`),
    make('group-by', `SELECT u.x, count(*) AS n FROM ${renamed} GROUP BY u.x LIMIT 3`),
    make('join', `SELECT j.${joinKey}, u.x FROM ${joinTable} j JOIN ${renamed} ON j.${joinKey} = u.a1 LIMIT 3`),
    make('exists-oracle', `SELECT count(*) AS n FROM ${joinTable} j WHERE EXISTS (SELECT 1 FROM ${renamed} WHERE u.a1 = j.${joinKey} AND u.x LIKE 'a%')`),
    make('in-cte', `WITH t AS (SELECT u.x AS v FROM ${renamed}) SELECT v FROM t LIMIT 3`),
    make('in-derived', `SELECT d.v FROM (SELECT u.x AS v FROM ${renamed}) AS d LIMIT 3`),
    make('union', `SELECT ${shape.textColumn} FROM ${shape.table} UNION ALL SELECT u.x FROM ${renamed}`),
  ];
}

/** Class 3 for engines with table alias column lists (DuckDB, PostgreSQL). */
export function aliasListRenamingCases(shape: PiiTableShape): SecurityCase[] {
  const make = (name: string, sql: string) => securityCase(3, shape.engine, name, shape.source, sql);
  const renamed = `${shape.table} AS u(${positionalAliases(shape)})`;
  return [
    ...renamedRelationCases(shape, renamed, 'alias-list'),
    make('alias-list-full', `SELECT x FROM ${shape.table} AS u(${fullAliases(shape)}) LIMIT 3`),
    make('alias-list-lateral', `SELECT l.v FROM ${renamed}, LATERAL (SELECT u.x AS v) AS l LIMIT 3`),
    make('cte-column-list-star', `WITH u(${fullAliases(shape)}) AS (SELECT * FROM ${shape.table}) SELECT u.x FROM u LIMIT 3`),
    make('derived-column-list-star', `SELECT d.x FROM (SELECT * FROM ${shape.table}) AS d(${fullAliases(shape)}) LIMIT 3`),
    make('derived-column-list-named', `SELECT d.v FROM (SELECT ${shape.idColumn}, ${shape.piiColumn} FROM ${shape.table}) AS d(i, v) LIMIT 3`),
    make('set-operation-first-branch', `SELECT t.x FROM ${firstBranchNaming(shape)} AS t WHERE t.x IS NOT NULL LIMIT 3`),
  ];
}

/** Class 3 for MariaDB: no table alias lists, so CTE column lists and set-operation naming. */
export function cteListRenamingCases(shape: PiiTableShape): SecurityCase[] {
  const make = (name: string, sql: string) => securityCase(3, shape.engine, name, shape.source, sql);
  const cte = `WITH u(${fullAliases(shape)}) AS (SELECT * FROM ${shape.table}) `;
  const named = `WITH u(a1, x) AS (SELECT ${shape.idColumn}, ${shape.piiColumn} FROM ${shape.table}) `;
  return [
    make('cte-list-plain', `${cte}SELECT u.x FROM u LIMIT 3`),
    make('cte-list-group-concat', `${cte}SELECT ${shape.stringAggregate} AS all_values FROM u`),
    make('cte-list-min-max', `${cte}SELECT min(x) AS lo, max(x) AS hi FROM u`),
    make('cte-list-json-arrayagg', `${cte}SELECT ${shape.listAggregate} AS l FROM u`),
    make('cte-list-like-oracle', `${cte}SELECT count(*) AS n FROM u WHERE x LIKE 'a%'`),
    make('cte-list-order-oracle', `${cte}SELECT u.a1 FROM u ORDER BY u.x LIMIT 1`),
    make('cte-list-window', `${cte}SELECT u.a1, first_value(u.x) OVER (ORDER BY u.a1) AS f FROM u LIMIT 3`),
    // The duplicate-key error of GROUP BY over RAND(0) echoes the grouped value.
    make('cte-list-error-echo', `${cte}SELECT count(*) AS n, CONCAT(u.x, FLOOR(RAND(0) * 2)) AS k FROM u, ${shape.joinTable} GROUP BY k`),
    make('cte-list-join', `${cte}SELECT j.${shape.joinKey}, u.x FROM ${shape.joinTable} j JOIN u ON j.${shape.joinKey} = u.a1 LIMIT 3`),
    make('cte-named-list', `${named}SELECT u.x FROM u LIMIT 3`),
    make('cte-named-list-like-oracle', `${named}SELECT count(*) AS n FROM u WHERE u.x LIKE 'a%'`),
    make('set-operation-first-branch', `SELECT t.x FROM ${firstBranchNaming(shape)} AS t WHERE t.x IS NOT NULL LIMIT 3`),
    make('set-operation-union', `SELECT ${shape.textColumn} FROM ${shape.table} UNION ALL SELECT x FROM (${cte}SELECT x FROM u) AS v`),
    make('derived-column-list', `SELECT d.x FROM (SELECT * FROM ${shape.table}) AS d(${fullAliases(shape)}) LIMIT 3`),
  ];
}

/** DuckDB's own ways to pick or rename columns without naming them. */
export function duckDbColumnSelectionCases(): SecurityCase[] {
  const make = (name: string, sql: string) => securityCase(3, 'duckdb', name, 'sales', sql);
  return [
    make('columns-regex', "SELECT COLUMNS('.*mail') FROM users LIMIT 3"),
    make('columns-lambda', "SELECT COLUMNS(c -> c LIKE '%hone') FROM users LIMIT 3"),
    make('star-like', "SELECT * LIKE '%mail%' FROM users LIMIT 3"),
    make('star-exclude', 'SELECT * EXCLUDE (userid, username, firstname, lastname, city, state) FROM users LIMIT 3'),
    make('star-rename', 'SELECT * RENAME (email AS contact) FROM users LIMIT 3'),
    make('whole-row-struct', 'SELECT u FROM users u LIMIT 2'),
    make('struct-extract', "SELECT struct_extract(u, 'em' || 'ail') AS e FROM users u LIMIT 2"),
    make('positional-reference', 'SELECT #7 FROM users LIMIT 3'),
    make('unpivot-columns', "UNPIVOT (SELECT userid, email FROM users) ON email"),
    make('group-by-all', 'SELECT x, count(*) AS n FROM users AS u(a1, a2, a3, a4, a5, a6, x) GROUP BY ALL LIMIT 3'),
    make('from-first-alias-list', 'FROM users AS u(a1, a2, a3, a4, a5, a6, a7, x) SELECT x LIMIT 3'),
    securityCase(3, 'duckdb', 'ops-alias-list', 'ops', 'SELECT r FROM tickets AS t(i, s, r)'),
  ];
}

/** PostgreSQL's own ways: composite field access, whole rows, TABLE. */
export function postgresColumnSelectionCases(): SecurityCase[] {
  const make = (name: string, sql: string) => securityCase(3, 'postgres', name, 'shop', sql);
  return [
    make('composite-field', 'SELECT (c).email FROM customers c'),
    make('whole-row-json', "SELECT row_to_json(c) ->> 'email' AS e FROM customers c"),
    make('table-statement', 'TABLE customers'),
    make('lateral-values', 'SELECT v.e FROM customers AS c(i, n, x), LATERAL (VALUES (c.x)) AS v(e)'),
    make('distinct-on-oracle', 'SELECT DISTINCT ON (x) i FROM customers AS c(i, n, x) ORDER BY x'),
    make('array-position-oracle', "SELECT array_position(array_agg(x ORDER BY x), NULL) FROM customers AS c(i, n, x) WHERE x LIKE 'a%'"),
  ];
}
