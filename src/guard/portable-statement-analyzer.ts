import type { PortableGrammar } from '../dialects/sql-dialect-profile.js';
import { ColumnReferenceCollector, unknownBlock, type BlockSources } from './column-reference-collector.js';
import { GuardRejection } from './guard-rejection.js';
import { parsePortable } from './portable-grammar-parser.js';
import { functionNameParts, isMisreadScalarSubquery } from './portable-call-reader.js';
import { columnRefParts, describePortableFrom, identifierText, tableItemParts } from './portable-from-reader.js';
import type { ExistingLimit, StatementAnalysis } from './statement-analysis.js';

/*
 * Analyzes SQL with node-sql-parser (a PEG parser per database) for mysql, snowflake, athena and sqlite,
 * whose engines ship no embeddable parser. Its AST is loosely typed, so every shape the guard does not
 * recognise where a table or statement may appear is rejected rather than skipped (fail closed).
 */

type AstNode = Record<string, unknown>;
type Scope = ReadonlySet<string>;

/** AST `type` values of statements other than queries; seeing one anywhere rejects the SQL. */
const statementTypes = new Set([
  'insert', 'update', 'delete', 'replace', 'create', 'drop', 'alter', 'truncate', 'rename', 'use', 'lock', 'unlock',
  'grant', 'revoke', 'call', 'show', 'desc', 'explain', 'transaction', 'attach', 'detach', 'load_data', 'exec',
  'execute', 'declare', 'merge', 'pragma', 'copy', 'unload', 'vacuum', 'analyze', 'reindex', 'set', 'prepare',
]);

const fileStatementTypes = new Set(['attach', 'load_data', 'copy', 'unload']);

/** Keys that hold parser bookkeeping rather than SQL. */
const ignoredKeys = new Set(['tableList', 'columnList', 'loc']);

/** Keys of a column_ref node that hold its name rather than expressions. */
const columnNameKeys = new Set(['db', 'schema', 'table', 'column', 'notations']);

/** Collects relations, functions and columns while enforcing the structural rules, with CTE names in scope. */
class PortableTreeWalker {
  readonly relations: string[][] = [];
  readonly functions: string[][] = [];
  readonly tableFunctions: string[][] = [];
  readonly columns = new ColumnReferenceCollector();
  /** Function nodes that stand as FROM items, judged against the table-function list. */
  readonly #fromCalls = new WeakSet<object>();
  /** Snowflake `TABLE(…)` wrappers around a table function, which are syntax rather than calls. */
  readonly #tableWrappers = new WeakSet<object>();
  /** FROM sources of the query blocks being visited, innermost last, for the stars written in them. */
  readonly #blocks: BlockSources[] = [];
  /** The `*` arguments of COUNT(*), which count rows and read no column value. */
  readonly #countStars = new WeakSet<object>();

  get #block(): BlockSources {
    return this.#blocks[this.#blocks.length - 1] ?? unknownBlock;
  }

  visitQuery(query: AstNode, scope: Scope): void {
    if (query.type !== 'select') rejectStatement(String(query.type));
    const into = query.into as AstNode | null | undefined;
    if (into !== null && into !== undefined && (into.position != null || into.expr != null || into.keyword != null)) {
      const keyword = String(into.keyword ?? '').toUpperCase();
      const toFile = keyword === 'OUTFILE' || keyword === 'DUMPFILE';
      throw new GuardRejection(
        toFile ? 'denied-file-access' : 'select-into',
        toFile ? `SELECT … INTO ${keyword} writes a server file.` : 'SELECT … INTO stores results; only plain queries are allowed.',
      );
    }
    if (query.locking_read != null || query.for_update != null) {
      throw new GuardRejection('locking-clause', 'FOR UPDATE/SHARE takes row locks; only plain queries are allowed.');
    }
    const inner = Array.isArray(query.with) ? this.visitWith(query.with as AstNode[], scope) : scope;
    this.#blocks.push(describePortableFrom(query.from, inner, this.columns));
    for (const [key, child] of Object.entries(query)) {
      if (key === 'with' || ignoredKeys.has(key)) continue;
      if (key === '_next') this.visitQuery(child as AstNode, inner);
      else if (key === 'from' && isFromList(child)) this.visitFrom(child, inner);
      else this.visit(child, inner);
    }
    this.#blocks.pop();
  }

  private visitWith(ctes: AstNode[], scope: Scope): Scope {
    const names = ctes.map((cte) => (identifierText(cte.name) ?? '').toLowerCase());
    const recursive = ctes.some((cte) => cte.recursive === true);
    const everything = new Set([...scope, ...names]);
    ctes.forEach((cte, index) => {
      const body = (cte.stmt as AstNode | undefined)?.ast ?? cte.stmt;
      if (body === null || typeof body !== 'object') {
        throw new GuardRejection('parse-error', `The WITH clause "${names[index]}" has no recognisable query.`);
      }
      const bodyType = String((body as AstNode).type);
      if (bodyType !== 'select') {
        throw new GuardRejection(
          statementTypes.has(bodyType) ? 'data-modifying-cte' : 'not-a-query',
          `The WITH clause "${names[index]}" runs ${bodyType.toUpperCase()}; CTEs may only contain queries.`,
        );
      }
      // A non-recursive CTE sees only earlier siblings; inside its own body its name is a real table.
      const visible = recursive ? everything : new Set([...scope, ...names.slice(0, index)]);
      this.visitQuery(body as AstNode, visible);
    });
    return everything;
  }

  /**
   * Visits a FROM list. Parenthesised table lists arrive nested: `JOIN (t)` and `FROM (a, b)` as
   * `{ expr: { type: 'tables', expr: [...] } }`, MySQL's `FROM (a, b)` as `{ expr: [...] }` with `from`
   * itself an object, not an array. Each nested list is visited as a FROM list so its tables are checked.
   */
  private visitFrom(from: unknown, scope: Scope): void {
    if (from === null || from === undefined) return;
    const items = Array.isArray(from) ? from : [from];
    for (const raw of items) {
      const item = (raw ?? {}) as AstNode;
      this.visitJoinColumns(item);
      const nested = item.expr as AstNode | unknown[] | null | undefined;
      const nestedList = Array.isArray(nested) ? nested : nested?.type === 'tables' ? nested.expr : undefined;
      if (typeof item.table !== 'string' && nestedList !== undefined) {
        if (!Array.isArray(nestedList)) {
          throw new GuardRejection('parse-error', 'The FROM clause contains an item the guard cannot interpret.');
        }
        this.visitFrom(nestedList, scope);
        for (const [key, child] of Object.entries(item)) if (key !== 'expr' && key !== 'as') this.visit(child, scope);
      } else if (typeof item.table === 'string' && item.type !== 'column_ref') {
        const parts = tableItemParts(item);
        const unqualifiedCte = parts.length === 1 && scope.has((parts[0] ?? '').toLowerCase());
        if (!unqualifiedCte) this.relations.push(parts);
        for (const [key, child] of Object.entries(item)) {
          if (!['table', 'db', 'schema', 'catalog', 'as', 'surround', 'using'].includes(key)) this.visit(child, scope);
        }
      } else if (item.expr !== undefined || item.type === 'dual') {
        const expression = item.expr as AstNode | null | undefined;
        if (expression?.type === 'function') this.markFromCall(expression);
        if (item.type === 'unnest') this.tableFunctions.push(['unnest']);
        // An alias names output columns (Athena's grammar parses `AS t(a, b)` as a call); it reads nothing.
        const { as: _alias, ...unaliased } = item;
        this.visit(unaliased, scope);
      } else {
        throw new GuardRejection('parse-error', 'The FROM clause contains an item the guard cannot interpret.');
      }
    }
  }

  /**
   * Marks a FROM item's call for the table-function list. Snowflake wraps table functions as
   * `TABLE(f(…))`: the wrapper is syntax and `f` is what is judged. `TABLE('name')` and
   * `TABLE(IDENTIFIER(…))` read a relation named by a string, so any other argument leaves the wrapper
   * itself to be judged, and no list holds it.
   */
  private markFromCall(call: AstNode): void {
    const name = functionNameParts(call);
    const args = (call.args as { value?: unknown[] } | null | undefined)?.value;
    const inner = Array.isArray(args) && args.length === 1 ? (args[0] as AstNode | null) : undefined;
    const isWrapper = name?.length === 1 && name[0]?.toLowerCase() === 'table';
    if (isWrapper && inner?.type === 'function' && functionNameParts(inner)?.[0]?.toLowerCase() !== 'identifier') {
      this.#tableWrappers.add(call);
      this.#fromCalls.add(inner);
    } else if (isWrapper && inner?.type === 'flatten') {
      this.#tableWrappers.add(call);
      this.tableFunctions.push(['flatten']);
    } else this.#fromCalls.add(call);
  }

  /** USING (col) compares that column of both sides; NATURAL JOIN compares every same-named column. */
  private visitJoinColumns(item: AstNode): void {
    if (Array.isArray(item.using)) {
      for (const column of item.using) {
        const name = identifierText(column);
        if (name === undefined) throw new GuardRejection('parse-error', 'A JOIN … USING column has a shape the guard cannot read.');
        this.columns.addColumn([name]);
      }
    }
    if (typeof item.join === 'string' && /natural/iu.test(item.join)) this.columns.addEveryColumn('NATURAL JOIN', this.#block);
  }

  private visitColumnRef(node: AstNode, scope: Scope): void {
    const reference = columnRefParts(node);
    if (reference === undefined) throw new GuardRejection('parse-error', 'A column reference has a shape the guard cannot read.');
    const { parts, pathColumns } = reference;
    if (parts.length === 1 && parts[0] === '*') this.columns.addEveryColumn('*', this.#block);
    else this.columns.addColumn(parts);
    for (const column of pathColumns) this.columns.addColumn([column]);
    // Snowflake's `* EXCLUDE (…)` and COLLATE hang expressions off the reference.
    for (const [key, child] of Object.entries(node)) if (!columnNameKeys.has(key) && !ignoredKeys.has(key)) this.visit(child, scope);
  }

  visit(value: unknown, scope: Scope): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, scope);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as AstNode;
    const type = typeof node.type === 'string' ? node.type : undefined;
    if (type === 'column_ref') return this.visitColumnRef(node, scope);
    // Snowflake, Trino and SQLite read "email" as a column; the grammars return a string. MySQL with
    // ANSI_QUOTES does too, so it counts as a column in every dialect (fail closed).
    if (type === 'double_quote_string' && typeof node.value === 'string') this.columns.addColumn([node.value]);
    if (type === 'star' && !this.#countStars.has(node)) this.columns.addEveryColumn('*', this.#block);
    if (type === 'aggr_func' && functionNameParts(node)?.at(-1)?.toLowerCase() === 'count') {
      const argument = (node.args as AstNode | null | undefined)?.expr;
      if (argument !== null && typeof argument === 'object') this.#countStars.add(argument);
    }
    if (node.ast !== undefined && typeof node.ast === 'object' && node.ast !== null) {
      this.visitQuery(node.ast as AstNode, scope);
      return;
    }
    if (type === 'select') return this.visitQuery(node, scope);
    // A table reference in a shape visitFrom did not route (a future grammar's nesting) is still checked.
    if (type === undefined && typeof node.table === 'string') return this.visitFrom([node], scope);
    if (type !== undefined && statementTypes.has(type)) rejectStatement(type);
    if (type === 'var' || type === 'assign') {
      throw new GuardRejection(
        'system-variable',
        'The query reads or assigns a variable; session and system variables are not allowed.',
      );
    }
    if (type === 'function' || type === 'aggr_func' || type === 'window_func') {
      const parts = functionNameParts(node);
      if (parts === undefined) throw new GuardRejection('parse-error', 'A function call has a name the guard cannot read.');
      const syntax = this.#tableWrappers.has(node) || isMisreadScalarSubquery(node);
      if (!syntax) (this.#fromCalls.has(node) ? this.tableFunctions : this.functions).push(parts);
    }
    for (const [key, child] of Object.entries(node)) {
      if (ignoredKeys.has(key)) continue;
      if (key === 'from' && isFromList(child)) this.visitFrom(child, scope);
      else this.visit(child, scope);
    }
  }
}

/** A FROM list: an array of items, or MySQL's parenthesised `FROM (a, b)` object; not `EXTRACT(… FROM x)`. */
function isFromList(value: unknown): boolean {
  return Array.isArray(value) || (value !== null && typeof value === 'object' && Array.isArray((value as AstNode).expr));
}

function rejectStatement(type: string): never {
  throw new GuardRejection(
    fileStatementTypes.has(type) ? 'denied-file-access' : 'not-a-query',
    `The statement is ${type.toUpperCase()}; only a single read-only query is allowed.`,
  );
}

function limitCountNode(limit: unknown): unknown {
  if (limit === null || typeof limit !== 'object') return undefined;
  const { seperator, value } = limit as { seperator?: string; value?: unknown[] };
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return seperator === ',' ? value[1] : value[0];
}

/**
 * The top-level row limit. For set operations the last branch's LIMIT may belong to that branch or to
 * the whole result (the AST does not say), so a limit there counts as 'other' unless the caller knows
 * it appended that LIMIT itself at the very end of the text (`trustLastBranch`).
 */
export function describePortableLimit(query: AstNode, trustLastBranch = false): ExistingLimit {
  let last = query;
  while (last._next !== undefined && last._next !== null) last = last._next as AstNode;
  const count = limitCountNode(last.limit) as AstNode | undefined;
  const hasTop = query.top !== undefined && query.top !== null;
  if (count === undefined && !hasTop && last.fetch == null) return { kind: 'none' };
  if ((last === query || trustLastBranch) && !hasTop && count?.type === 'number' && Number.isInteger(count.value) && Number(count.value) >= 0) {
    return { kind: 'literal', value: Number(count.value) };
  }
  return { kind: 'other' };
}

/** Parses one statement, enforces "exactly one plain query", and lists relations, functions and columns. */
export function analyzePortableStatement(
  sql: string,
  grammar: PortableGrammar,
  trustAppendedLimit = false,
): StatementAnalysis {
  const statements = parsePortable(sql, grammar).filter((statement) => statement !== null && statement !== undefined);
  if (statements.length === 0) throw new GuardRejection('parse-error', 'The SQL contains no statement.');
  if (statements.length > 1) {
    throw new GuardRejection(
      'multiple-statements',
      `The SQL contains ${statements.length} statements; exactly one query is allowed.`,
    );
  }
  const query = statements[0] as AstNode;
  const walker = new PortableTreeWalker();
  walker.visitQuery(query, new Set());
  return {
    statementText: sql.replace(/[\s;]+$/u, ''),
    relations: walker.relations,
    functions: walker.functions,
    tableFunctions: walker.tableFunctions,
    columns: walker.columns.resolve(),
    existingLimit: describePortableLimit(query, trustAppendedLimit),
  };
}
