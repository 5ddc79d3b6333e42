import { parseSync, scanSync, type ScanToken } from 'libpg-query';
import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';
import { quoteStringLiteral } from '../dialects/quote-string-literal.js';
import { bareColumnEdits, type TextEdit } from './sqlite-bare-column-rewrite.js';

/** Where one table of a benchmark database lives once its tables are split between sources. */
export interface TablePlacement {
  /** The source holding the table. */
  readonly source: string;
  /** The table's name as the catalog spells it. */
  readonly table: string;
  /** Its column names, which tell a double-quoted column from SQLite's double-quoted string. */
  readonly columns: readonly string[];
}

/** A table reference of the gold SQL: its catalog spelling and where its name is written. */
interface TableReference {
  /** Catalog spelling. */
  readonly table: string;
  /** Byte offset of the name in the statement. */
  readonly location: number;
}

/** What the parse tree says about the statement, with every position as a byte offset. */
interface GoldStatement {
  /** Tables read (CTE names left out), in order of appearance. */
  readonly tables: TableReference[];
  /** Byte offsets of one-part column references (candidates for SQLite's double-quoted strings). */
  readonly bareColumns: number[];
  /** Output column names (SELECT aliases), which a double-quoted name may also mean. */
  readonly aliases: Set<string>;
  /** The statement's tokens. */
  readonly tokens: ScanToken[];
  /** The parse tree. */
  readonly tree: unknown;
}

type TreeNode = Record<string, unknown>;

/** Visits every node of a libpg-query tree: `visit(type, fields)` for each `{ Type: fields }` object. */
function walk(value: unknown, visit: (type: string, fields: TreeNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, fields] of Object.entries(value as TreeNode)) {
    if (/^[A-Z]/.test(key) && typeof fields === 'object' && fields !== null && !Array.isArray(fields)) visit(key, fields as TreeNode);
    walk(fields, visit);
  }
}

/** Parses benchmark SQL with PostgreSQL's grammar (SQLite's benchmark SQL is within it) and reads what the rewrite needs. */
function readStatement(sql: string, placements: ReadonlyMap<string, TablePlacement> | undefined): GoldStatement {
  const tree = parseSync(sql) as { stmts?: unknown[] };
  if ((tree.stmts ?? []).length !== 1) throw new Error('the gold SQL is not exactly one statement');
  const cteNames = new Set<string>();
  walk(tree, (type, fields) => {
    if (type === 'CommonTableExpr' && typeof fields.ctename === 'string') cteNames.add(fields.ctename.toLowerCase());
  });
  const tables: TableReference[] = [];
  const bareColumns: number[] = [];
  const aliases = new Set<string>();
  walk(tree, (type, fields) => {
    if (type === 'RangeVar') {
      const name = String(fields.relname ?? '').toLowerCase();
      if (fields.schemaname !== undefined) throw new Error(`the gold SQL names a schema-qualified table (${String(fields.schemaname)}.${name})`);
      if (cteNames.has(name)) return;
      const placement = placements?.get(name);
      if (placements !== undefined && placement === undefined) throw new Error(`the gold SQL reads "${name}", which no source holds`);
      tables.push({ table: placement?.table ?? name, location: Number(fields.location) });
    } else if (type === 'ColumnRef' && Array.isArray(fields.fields) && fields.fields.length === 1) {
      bareColumns.push(Number(fields.location));
    } else if (type === 'ResTarget' && typeof fields.name === 'string') {
      aliases.add(fields.name.toLowerCase());
    }
  });
  return { tables, bareColumns, aliases, tokens: scanSync(sql).tokens, tree };
}

/**
 * The distinct tables the gold SQL reads, in catalog spelling and order of first appearance; without
 * placements (the database is absent), as the SQL spells them, lower-case.
 */
export function goldTablesOf(sql: string, placements?: ReadonlyMap<string, TablePlacement>): string[] {
  return [...new Set(readStatement(sql, placements).tables.map((reference) => reference.table))];
}

/** A table name as the combine query writes it: plain when it is a plain lower-case word, quoted otherwise. */
function writtenName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : quoteWithDoubleQuotes(name);
}

/**
 * Benchmark gold SQL written for SQLite, rewritten to DuckDB SQL over source-qualified names
 * (`concert_singer_sqlite.singer`), token by token at the positions PostgreSQL's parser reports: each
 * table reference becomes `<source>.<table>` (its alias, if any, stays), a double-quoted name that is
 * no column of the tables read nor an output alias becomes the string literal SQLite reads it as,
 * `LIKE` becomes `ILIKE` because SQLite's LIKE ignores ASCII case and DuckDB's does not, and a column
 * an aggregate query reads without grouping it takes SQLite's meaning (see bareColumnEdits). Text
 * outside those tokens (literals, comments, spacing) is kept byte for byte. `qualified: false` writes
 * bare table names, for a question whose tables all sit in one DuckDB source.
 */
export function rewriteGoldForDuckDb(sql: string, placements: ReadonlyMap<string, TablePlacement>, qualified = true): string {
  const statement = readStatement(sql, placements);
  const columns = new Set(
    statement.tables.flatMap((reference) => placements.get(reference.table.toLowerCase())?.columns ?? []).map((column) => column.toLowerCase()),
  );
  const tokenAt = new Map(statement.tokens.map((token) => [token.start, token]));
  const isName = (name: string) => columns.has(name.toLowerCase()) || statement.aliases.has(name.toLowerCase());
  const edits: TextEdit[] = [];
  for (const reference of statement.tables) {
    const token = tokenAt.get(reference.location);
    if (token === undefined) throw new Error(`no token at byte ${reference.location} for table ${reference.table}`);
    const placement = placements.get(reference.table.toLowerCase())!;
    edits.push({ start: token.start, end: token.end, text: qualified ? `${placement.source}.${writtenName(placement.table)}` : writtenName(placement.table) });
  }
  for (const location of statement.bareColumns) {
    const token = tokenAt.get(location);
    if (token === undefined || !token.text.startsWith('"')) continue;
    const name = token.text.slice(1, -1).replaceAll('""', '"');
    if (isName(name)) continue;
    edits.push({ start: token.start, end: token.end, text: quoteStringLiteral(name) });
  }
  // A one-part name that is no column is one of SQLite's double-quoted strings, never a bare column.
  edits.push(...bareColumnEdits(statement.tree, statement.tokens, (parts) => parts.length > 1 || isName(parts[0]!)));
  for (const token of statement.tokens) {
    if (token.keywordName !== 'NO_KEYWORD' && token.text.toLowerCase() === 'like') edits.push({ start: token.start, end: token.end, text: 'ILIKE' });
  }
  // The parser's positions are byte offsets into the UTF-8 text.
  const bytes = Buffer.from(sql, 'utf8');
  let cursor = 0;
  const parts: string[] = [];
  for (const edit of edits.sort((left, right) => left.start - right.start)) {
    parts.push(bytes.subarray(cursor, edit.start).toString('utf8'), edit.text);
    cursor = edit.end;
  }
  parts.push(bytes.subarray(cursor).toString('utf8'));
  return parts.join('');
}
