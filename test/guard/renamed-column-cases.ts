/*
 * Statements that rename columns with alias column lists, over two tables both engines can hold:
 * users(id, name, city, email, phone) with email and phone personal data, and orders(id, user_id, note,
 * email) whose email is not. `AS u(a, b, c, x)` makes `x` the fourth column of users, its e-mail.
 * Each leaking statement returns a personal value, or the word `hit` only when a predicate on one holds,
 * or makes the engine echo one in its error; the engine test runs them all to prove it.
 */

/** Engines (and so guard dialects) a statement is written for. */
export type RenamingEngine = 'postgres' | 'duckdb';

/** One statement and the engines that accept it. */
export interface RenamingCase {
  /** What the statement exercises. */
  name: string;
  /** The statement. */
  sql: string;
  /** Engines that run it; both when absent. */
  engines?: readonly RenamingEngine[];
}

/** The tables' columns in catalog order, as the pipeline passes them to the guard. */
export const renamingTableColumns = {
  users: ['id', 'name', 'city', 'email', 'phone'],
  orders: ['id', 'user_id', 'note', 'email'],
};

/** Personal-data columns of the tables above. */
export const renamingProtectedColumns = { users: ['email', 'phone'] };

/** Creates and fills the tables; the same text runs on PostgreSQL and DuckDB. */
export const renamingSchemaSql = [
  'CREATE TABLE users (id integer, name text, city text, email text, phone text)',
  "INSERT INTO users VALUES (1, 'Ann', 'Paris', 'zed@example.com', '555-0100'), (2, 'Bob', 'Lyon', 'amy@example.com', '555-0101')",
  'CREATE TABLE orders (id integer, user_id integer, note text, email text)',
  "INSERT INTO orders VALUES (10, 1, 'gift', 'desk'), (11, 2, 'rush', 'desk')",
];

/** What leaks from a statement's result or error: a personal value, or `hit` from an oracle on one. */
export const leakedValue = /@example\.com|555-01|\bhit\b/;

const renamed = 'users AS u(a, b, c, x)';

/** Statements that read users.email or users.phone through a renamed column; every one leaks on a real engine. */
export const leakingRenames: readonly RenamingCase[] = [
  { name: 'a plain select', sql: `SELECT x FROM ${renamed}` },
  { name: 'a qualified select', sql: `SELECT u.x FROM ${renamed}` },
  { name: 'an alias list without AS', sql: 'SELECT x FROM users u(a, b, c, x)' },
  { name: 'the name of a harmless column of the same table', sql: 'SELECT city FROM users AS u(id, name, phone, city)' },
  { name: 'a longer list reaching phone', sql: 'SELECT e FROM users AS u(a, b, c, d, e)' },
  { name: 'a quoted new name', sql: 'SELECT "X" FROM users AS u(a, b, c, "X")' },
  { name: 'the schema-qualified table', sql: 'SELECT x FROM public.users AS u(a, b, c, x)', engines: ['postgres'] },
  { name: 'the schema-qualified table', sql: 'SELECT x FROM main.users AS u(a, b, c, x)', engines: ['duckdb'] },
  { name: 'string_agg', sql: `SELECT string_agg(x, ',') AS s FROM ${renamed}` },
  { name: 'min and max', sql: `SELECT min(u.x) AS lo, max(u.x) AS hi FROM ${renamed}` },
  { name: 'array_agg', sql: `SELECT array_agg(x) AS l FROM ${renamed}` },
  { name: 'list', sql: `SELECT list(x) AS l FROM ${renamed}`, engines: ['duckdb'] },
  { name: 'a LIKE oracle', sql: `SELECT 'hit' AS probe FROM ${renamed} WHERE x LIKE 'zed@%'` },
  { name: 'an ORDER BY oracle', sql: `SELECT CASE WHEN a = 2 THEN 'hit' END AS probe FROM ${renamed} ORDER BY x LIMIT 1` },
  { name: 'GROUP BY and HAVING', sql: `SELECT max(a) AS id, 'hit' AS probe FROM ${renamed} GROUP BY x HAVING x LIKE 'zed@%'` },
  { name: 'an aggregate FILTER', sql: `SELECT CASE WHEN count(*) FILTER (WHERE x LIKE 'zed@%') = 1 THEN 'hit' END AS probe FROM ${renamed}` },
  { name: 'a join condition', sql: `SELECT o.id, 'hit' AS probe FROM orders o JOIN ${renamed} ON o.user_id = u.a AND u.x LIKE 'zed@%'` },
  { name: 'JOIN USING', sql: `SELECT x FROM ${renamed} JOIN orders AS o(i, a) USING (a)` },
  { name: 'NATURAL JOIN', sql: `SELECT 'hit' AS probe FROM ${renamed} NATURAL JOIN (SELECT 'zed@example.com' AS x) AS p` },
  { name: 'a join with VALUES', sql: `SELECT v.k FROM ${renamed} JOIN (VALUES ('zed@example.com', 'hit')) AS v(e, k) ON v.e = u.x` },
  { name: 'a CTE', sql: `WITH c AS (SELECT x FROM ${renamed}) SELECT * FROM c` },
  { name: 'a CTE column list', sql: `WITH c(k) AS (SELECT u.x FROM ${renamed}) SELECT k FROM c` },
  { name: 'a derived-table column list', sql: `SELECT t.k FROM (SELECT x FROM ${renamed}) AS t(k)` },
  { name: 'a LATERAL subquery', sql: `SELECT l.v FROM orders o, LATERAL (SELECT u.x AS v FROM ${renamed} WHERE u.a = o.user_id) l` },
  { name: 'a LATERAL reference to the outer rename', sql: `SELECT l.v FROM ${renamed}, LATERAL (SELECT u.x AS v) l` },
  { name: 'a table function over the renamed column', sql: `SELECT t.v FROM ${renamed}, unnest(ARRAY[u.x]) AS t(v)` },
  { name: 'a window argument', sql: `SELECT a, first_value(x) OVER (ORDER BY a) AS f FROM ${renamed}` },
  {
    name: 'a window ORDER BY oracle',
    sql: `SELECT CASE WHEN a = 2 AND row_number() OVER (ORDER BY x) = 1 THEN 'hit' END AS probe FROM ${renamed}`,
  },
  { name: 'a cast whose error echoes the value', sql: `SELECT CAST(x AS integer) AS n FROM ${renamed}` },
  { name: 'a set operation branch', sql: `SELECT note FROM orders UNION ALL SELECT x FROM ${renamed}` },
  { name: 'an IN subquery', sql: `SELECT id, 'hit' AS probe FROM orders WHERE user_id IN (SELECT a FROM ${renamed} WHERE x LIKE 'zed@%')` },
  { name: 'a scalar subquery', sql: `SELECT (SELECT max(x) FROM ${renamed}) AS m` },
  { name: 'a join alias over the renamed table', sql: `SELECT j.x FROM (${renamed} JOIN orders o ON o.user_id = u.a) AS j` },
  { name: 'a join alias column list', sql: 'SELECT j.c4 FROM (users u JOIN orders o ON o.user_id = u.id) AS j(c1, c2, c3, c4)' },
  {
    name: 'a join alias column list reaching the right-hand table',
    sql: 'SELECT j.c8 FROM (orders o JOIN users u ON o.user_id = u.id) AS j(c1, c2, c3, c4, c5, c6, c7, c8)',
  },
  {
    name: 'a join alias column list over JOIN USING',
    sql: 'SELECT j.c4 FROM (users u JOIN users v USING (id)) AS j(c1, c2, c3, c4)',
    engines: ['postgres'],
  },
  { name: 'TABLESAMPLE', sql: `SELECT x FROM ${renamed} TABLESAMPLE SYSTEM (100)`, engines: ['postgres'] },
  { name: 'DISTINCT ON', sql: `SELECT DISTINCT ON (x) x FROM ${renamed}`, engines: ['postgres'] },
  { name: 'a whole-row value', sql: `SELECT u FROM ${renamed}` },
  { name: 'a star', sql: `SELECT * FROM ${renamed}` },
  { name: 'a qualified star', sql: `SELECT u.* FROM ${renamed}` },
  { name: 'a positional reference', sql: `SELECT #4 FROM ${renamed}`, engines: ['duckdb'] },
  { name: 'COLUMNS with a pattern', sql: `SELECT COLUMNS('x') FROM ${renamed}`, engines: ['duckdb'] },
];

/** Statements that rename columns but read no personal data; each runs and must be allowed. */
export const harmlessRenames: readonly RenamingCase[] = [
  { name: 'renamed leading columns without PII', sql: 'SELECT a, b FROM users AS u(a, b)' },
  { name: 'a renamed column beside a named one', sql: 'SELECT u.a, u.city FROM users AS u(a, b)' },
  { name: 'every column before the PII ones', sql: 'SELECT a, b, c FROM users AS u(a, b, c)' },
  { name: 'a list reaching PII that is never read', sql: `SELECT count(*) AS n FROM ${renamed}` },
  { name: 'a table without PII, its email included', sql: 'SELECT o.a, o.d FROM orders AS o(a, b, c, d)' },
  { name: 'the same new name on the table without PII', sql: 'SELECT u.a, o.x FROM users AS u(a) JOIN orders AS o(i, uid, n, x) ON o.uid = u.a' },
  { name: 'a join alias column list over tables without PII', sql: 'SELECT j.c1 FROM (orders o JOIN orders p ON p.id = o.id) AS j(c1, c2)' },
  { name: 'a join alias column list over non-PII columns', sql: 'SELECT j.c1, j.c3 FROM (users u JOIN orders o ON o.user_id = u.id) AS j(c1, c2, c3)' },
  {
    name: 'a join alias column list over non-PII columns of the right-hand table',
    sql: 'SELECT j.c4, j.c7 FROM (orders o JOIN users u ON o.user_id = u.id) AS j(c1, c2, c3, c4, c5, c6, c7)',
  },
  { name: 'a CTE column list', sql: 'WITH c(k, v) AS (SELECT id, city FROM users) SELECT k, v FROM c' },
  { name: 'a derived-table column list', sql: 'SELECT t.k FROM (SELECT id, city FROM users) AS t(k, v)' },
  { name: 'a VALUES column list', sql: "SELECT v.k FROM (VALUES (1, 'a')) AS v(k, e)" },
  { name: 'a table function column list', sql: 'SELECT u.a, t.n FROM users AS u(a, b), unnest(ARRAY[u.b]) AS t(n)' },
];
