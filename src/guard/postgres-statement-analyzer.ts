import { parseSync } from 'libpg-query';
import { ColumnReferenceCollector, unknownBlock, type BlockSources } from './column-reference-collector.js';
import { GuardRejection } from './guard-rejection.js';
import { describePostgresFrom, rangeVarParts } from './postgres-from-reader.js';
import type { ExistingLimit, StatementAnalysis } from './statement-analysis.js';

/*
 * Analyzes SQL with libpg-query, i.e. PostgreSQL's own grammar compiled to WASM. Used for postgres,
 * redshift and duckdb. DuckDB: node-sql-parser has no DuckDB mode, and its PostgreSQL mode is a
 * hand-written approximation, while DuckDB's parser is itself derived from PostgreSQL's grammar
 * (DuckDB vendors libpg_query). The real PostgreSQL parser therefore reads the PostgreSQL-compatible
 * part of DuckDB SQL exactly as DuckDB does; DuckDB-only syntax (GROUP BY ALL, EXCLUDE, `FROM 'x.csv'`,
 * FROM-first) fails closed with a parse error that the repair loop can act on.
 * Node shapes follow the protobuf JSON of libpg_query: every node is `{ NodeType: { ...fields } }`.
 */

type PgNode = Record<string, unknown>;
type Scope = ReadonlySet<string>;

/** Types whose input function looks names up in the catalog; casting to them probes for hidden objects. */
const catalogLookupTypes = new Set([
  'regclass', 'regproc', 'regprocedure', 'regoper', 'regoperator', 'regtype', 'regnamespace', 'regrole',
  'regconfig', 'regdictionary', 'regcollation',
]);

const dataModifyingStatements = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/**
 * SQL-standard keywords that name the session's role. The grammar turns them into SQLValueFunction
 * nodes, not FuncCall, so they are reported under their function names for the function policy to judge.
 */
const roleValueFunctions: Readonly<Record<string, string>> = {
  SVFOP_USER: 'user',
  SVFOP_SESSION_USER: 'session_user',
  SVFOP_CURRENT_USER: 'current_user',
  SVFOP_CURRENT_ROLE: 'current_role',
};

/** Human name of a parse-tree statement node, e.g. `DropStmt` → `DROP`. */
function statementName(nodeType: string): string {
  const special: Record<string, string> = {
    VariableSetStmt: 'SET', VariableShowStmt: 'SHOW', TransactionStmt: 'transaction control', CopyStmt: 'COPY',
    ExplainStmt: 'EXPLAIN', ExecuteStmt: 'EXECUTE', CallStmt: 'CALL', DoStmt: 'DO', LockStmt: 'LOCK',
    GrantStmt: 'GRANT/REVOKE', LoadStmt: 'LOAD', CreateTableAsStmt: 'CREATE TABLE AS / SELECT INTO',
  };
  return special[nodeType] ?? nodeType.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

function stringValues(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => ((item as { String?: { sval?: string } }).String?.sval ?? ''));
}

/** Collects relations, functions and columns while enforcing the structural rules, with CTE names in scope. */
class PostgresTreeWalker {
  readonly relations: string[][] = [];
  readonly functions: string[][] = [];
  readonly tableFunctions: string[][] = [];
  readonly columns = new ColumnReferenceCollector();
  /** FuncCall nodes that stand as FROM items, judged against the table-function list. */
  readonly #fromCalls = new WeakSet<object>();
  /** FROM sources of the query blocks being visited, innermost last, for the stars written in them. */
  readonly #blocks: BlockSources[] = [];

  get #block(): BlockSources {
    return this.#blocks[this.#blocks.length - 1] ?? unknownBlock;
  }

  visit(value: unknown, scope: Scope): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, scope);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as PgNode)) {
      if (key === 'SelectStmt') this.visitSelect(child as PgNode, scope);
      else if (key.endsWith('Stmt')) {
        throw new GuardRejection('not-a-query', `The query contains a nested ${statementName(key)} statement.`);
      } else if (key === 'RangeVar') this.visitRangeVar(child as PgNode, scope);
      else if (key === 'ColumnRef') this.visitColumnRef(child as PgNode);
      else if (key === 'FuncCall') {
        const call = child as PgNode;
        const name = stringValues(call.funcname);
        // SQL-standard syntax (SUBSTRING(x FROM 1), TRIM(BOTH …), SYSTEM_USER) parses to a pg_catalog
        // function the user never named; judge it by its bare name, as written, in every dialect.
        const resolved = call.funcformat === 'COERCE_SQL_SYNTAX' && name[0] === 'pg_catalog' ? name.slice(1) : name;
        (this.#fromCalls.has(call) ? this.tableFunctions : this.functions).push(resolved);
        this.checkColumnExpansion(call, name);
        this.visit(child, scope);
      } else if (key === 'RangeFunction') {
        this.markFromCalls(child as PgNode);
        this.visit(child, scope);
      } else if (key === 'JoinExpr') {
        this.visitJoinColumns(child as PgNode);
        this.visit(child, scope);
      } else if (key === 'A_Expr') {
        const expression = child as PgNode;
        // DuckDB reads `#2` as the second column of the FROM clause; PostgreSQL's grammar sees a prefix operator.
        if (expression.lexpr === undefined && stringValues(expression.name).join('') === '#') {
          const position = ((expression.rexpr as PgNode | undefined)?.A_Const as { ival?: { ival?: number } } | undefined)?.ival?.ival;
          this.columns.addEveryColumn(`#${position ?? ''}`, this.#block);
        }
        this.visit(child, scope);
      } else if (key === 'SQLValueFunction') {
        const roleFunction = roleValueFunctions[String((child as PgNode).op)];
        if (roleFunction !== undefined) this.functions.push([roleFunction]);
      } else if (key === 'TypeCast') {
        this.checkCast(child as PgNode);
        this.visit(child, scope);
      } else this.visit(child, scope);
    }
  }

  private visitSelect(select: PgNode, scope: Scope): void {
    if (select.intoClause !== undefined) {
      throw new GuardRejection('select-into', 'SELECT … INTO creates a table; only plain queries are allowed.');
    }
    if (select.lockingClause !== undefined) {
      throw new GuardRejection('locking-clause', 'FOR UPDATE/SHARE takes row locks; only plain queries are allowed.');
    }
    let inner = scope;
    const withClause = select.withClause as { ctes?: unknown[]; recursive?: boolean } | undefined;
    if (withClause !== undefined) inner = this.visitWith(withClause, scope);
    this.#blocks.push(describePostgresFrom(select.fromClause, inner, this.columns));
    for (const [key, child] of Object.entries(select)) {
      // Set-operation branches are bare SelectStmt fields (not wrapped in a node), so they are visited as selects.
      if (key === 'larg' || key === 'rarg') this.visitSelect(child as PgNode, inner);
      else if (key !== 'withClause') this.visit(child, inner);
    }
    this.#blocks.pop();
  }

  private visitColumnRef(reference: PgNode): void {
    const fields = Array.isArray(reference.fields) ? (reference.fields as PgNode[]) : [];
    const parts = fields.map((field) => (field.A_Star !== undefined ? '*' : ((field.String as { sval?: string } | undefined)?.sval ?? '')));
    if (parts.length === 1 && parts[0] === '*') this.columns.addEveryColumn('*', this.#block);
    else this.columns.addColumn(parts);
  }

  /** ROWS FROM (f(…), g(…)) and plain `FROM f(…)`: each list's first item is the called function. */
  private markFromCalls(rangeFunction: PgNode): void {
    for (const entry of Array.isArray(rangeFunction.functions) ? (rangeFunction.functions as PgNode[]) : []) {
      const items = (entry.List as { items?: PgNode[] } | undefined)?.items ?? [];
      const call = items[0]?.FuncCall;
      if (call !== undefined && call !== null && typeof call === 'object') this.#fromCalls.add(call);
    }
  }

  /** `f(*)` other than COUNT(*) and DuckDB's COLUMNS(…) expand to every column (or every matching one). */
  private checkColumnExpansion(call: PgNode, name: readonly string[]): void {
    const bareName = (name[name.length - 1] ?? '').toLowerCase();
    if (bareName === 'columns') this.columns.addEveryColumn(`${name.join('.')}(…)`, this.#block);
    else if (call.agg_star === true && bareName !== 'count') this.columns.addEveryColumn(`${name.join('.')}(*)`, this.#block);
  }

  /** USING (col) compares that column of both sides; NATURAL JOIN compares every same-named column. */
  private visitJoinColumns(join: PgNode): void {
    for (const column of stringValues(join.usingClause)) this.columns.addColumn([column]);
    if (join.isNatural === true) this.columns.addEveryColumn('NATURAL JOIN', this.#block);
  }

  /** Checks each CTE body with the names it can see, and returns the scope of the main query. */
  private visitWith(withClause: { ctes?: unknown[]; recursive?: boolean }, scope: Scope): Scope {
    const ctes = (withClause.ctes ?? []).map((item) => (item as { CommonTableExpr: PgNode }).CommonTableExpr);
    const names = ctes.map((cte) => String(cte.ctename));
    const everything = new Set([...scope, ...names]);
    ctes.forEach((cte, index) => {
      const body = (cte.ctequery ?? {}) as PgNode;
      const bodyType = Object.keys(body)[0] ?? '';
      if (dataModifyingStatements.has(bodyType)) {
        throw new GuardRejection(
          'data-modifying-cte',
          `The WITH clause "${names[index]}" runs ${statementName(bodyType)}; CTEs may only contain queries.`,
        );
      }
      // A non-recursive CTE sees only earlier siblings; inside its own body its name is a real table.
      const visible = withClause.recursive === true ? everything : new Set([...scope, ...names.slice(0, index)]);
      const { ctequery: _query, ...rest } = cte;
      this.visit(body, visible);
      this.visit(rest, visible);
    });
    return everything;
  }

  private visitRangeVar(rangeVar: PgNode, scope: Scope): void {
    const parts = rangeVarParts(rangeVar);
    if (parts.length === 1 && scope.has(parts[0] ?? '')) return;
    this.relations.push(parts);
  }

  private checkCast(cast: PgNode): void {
    const names = stringValues((cast.typeName as PgNode | undefined)?.names);
    const typeName = (names[names.length - 1] ?? '').toLowerCase();
    if (catalogLookupTypes.has(typeName)) {
      throw new GuardRejection(
        'system-catalog',
        `A cast to ${typeName} looks names up in the system catalog; it is not allowed.`,
      );
    }
  }
}

function describeLimit(select: PgNode): ExistingLimit {
  const count = select.limitCount as { A_Const?: PgNode } | undefined;
  if (count === undefined) return { kind: 'none' };
  if (select.limitOption === 'LIMIT_OPTION_WITH_TIES') return { kind: 'other' };
  const constant = count.A_Const;
  const integer = constant?.ival as { ival?: number } | undefined;
  const location = constant?.location;
  // The grammar turns LIMIT ALL into a NULL constant located at the keyword.
  if (constant?.isnull === true && typeof location === 'number' && location >= 0) return { kind: 'unbounded', byteStart: location };
  if (constant === undefined || integer === undefined || typeof location !== 'number' || location < 0) {
    return { kind: 'other' };
  }
  return { kind: 'literal', value: integer.ival ?? 0, byteStart: location };
}

function parse(sql: string, dialectLabel: string): { stmts?: { stmt?: PgNode; stmt_len?: number }[] } {
  try {
    return parseSync(sql) as { stmts?: { stmt?: PgNode; stmt_len?: number }[] };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails?.cursorPosition;
    const where = typeof position === 'number' ? ` (at character ${position + 1})` : '';
    throw new GuardRejection('parse-error', `The SQL is not valid ${dialectLabel}: ${message}${where}.`);
  }
}

/**
 * Parses one statement, enforces "exactly one plain query", and lists relations, functions and columns.
 * Throws GuardRejection on any violation.
 */
export function analyzePostgresStatement(sql: string, dialectLabel: string): StatementAnalysis {
  const statements = parse(sql, dialectLabel).stmts ?? [];
  if (statements.length === 0) throw new GuardRejection('parse-error', 'The SQL contains no statement.');
  if (statements.length > 1) {
    throw new GuardRejection(
      'multiple-statements',
      `The SQL contains ${statements.length} statements; exactly one query is allowed.`,
    );
  }
  const [first] = statements as [{ stmt?: PgNode; stmt_len?: number }];
  const stmt = first.stmt ?? {};
  const nodeType = Object.keys(stmt)[0] ?? '';
  if (nodeType !== 'SelectStmt') {
    const rule = nodeType === 'CopyStmt' || nodeType === 'LoadStmt' ? 'denied-file-access' : 'not-a-query';
    throw new GuardRejection(rule, `The statement is ${statementName(nodeType)}; only a single read-only query is allowed.`);
  }
  const walker = new PostgresTreeWalker();
  walker.visit(stmt, new Set());
  const bytes = Buffer.from(sql, 'utf8');
  const statementText = first.stmt_len ? bytes.subarray(0, first.stmt_len).toString('utf8') : sql;
  return {
    statementText,
    relations: walker.relations,
    functions: walker.functions,
    tableFunctions: walker.tableFunctions,
    columns: walker.columns.resolve(),
    existingLimit: describeLimit(stmt.SelectStmt as PgNode),
  };
}
