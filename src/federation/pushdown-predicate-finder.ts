import { parseSync } from 'libpg-query';
import type { CombineTable, CombineTableIndex } from './combine-table-index.js';
import { readColumnEquality, readPushablePredicate, splitConjuncts, type ColumnResolver } from './predicate-node-reader.js';
import type { JoinKey, PushablePredicate, TablePredicates } from './pushable-predicate.js';

/*
 * Finds, for each source table a federated query reads exactly once, the filters of the query that
 * may be pushed into its extraction. Why this keeps the answer exact:
 *
 * The combine step always runs the model's whole query again over the extracted rows, so an
 * extraction need not apply a filter exactly: it only has to keep every row of the table the query
 * could keep. Take a conjunct p that reads only table T and rejects NULL (a row whose column is
 * NULL never passes). Let L be any join tree holding T once. Filtering T by p first changes L only by
 * (a) removing rows whose T part fails p and (b) adding rows NULL-extended on T's side, where an outer
 * join lost T's match; every added row fails p too. So σp(L(T)) = σp(L(σp T)), and therefore:
 *   - a conjunct of the WHERE of the SELECT whose FROM holds T may be pushed: WHERE filters before
 *     grouping, windows, DISTINCT and LIMIT, so the SELECT's rows are the same;
 *   - a conjunct of a join's ON clause may be pushed when T is on a side that join filters: either
 *     side of an inner join, the right of a LEFT join, the left of a RIGHT join (the join's result is
 *     then the same); never the preserved side of an outer join, nor either side of a FULL join.
 * A table read twice (a self-join, or once in a CTE and once outside) gets no filter, since the two
 * readers' filters differ. The source may also keep more rows than DuckDB would (MySQL's
 * case-insensitive `=`): more is safe, fewer never is, which is what the dialect writer checks.
 *
 * At the same places, an equality between a column of T and a column of another table read once is
 * kept as a join key, for the semi-join reduction (key-filter-planner.ts).
 */

type PgNode = Record<string, unknown>;

/** A JOIN on the way from a SELECT's FROM down to a table, and which side the table is on. */
interface JoinStep {
  /** The JoinExpr node. */
  readonly join: PgNode;
  /** `larg` or `rarg`. */
  readonly side: 'larg' | 'rarg';
}

/** One base table in one SELECT's FROM. */
interface FromTable {
  /** The catalog table it names. */
  readonly table: CombineTable;
  /** Names that qualify its columns there, lower-case: the alias, else the name and its qualified forms. */
  readonly qualifiers: readonly string[];
  /** The joins above it within the FROM clause. */
  readonly path: readonly JoinStep[];
  /** True when an alias column list renames its columns (`AS e(a, b)`): its filters are then not read. */
  readonly renamed: boolean;
}

/** One SELECT's FROM clause as far as pushdown needs it. */
interface FromClause {
  /** The SELECT. */
  readonly select: PgNode;
  /** Its base tables. */
  readonly tables: FromTable[];
  /** Qualifier names of its other items (subqueries, functions, aliased joins), lower-case. */
  readonly otherQualifiers: Set<string>;
  /** False when it holds an item other than base tables and plain joins: an unqualified column may then belong to it. */
  complete: boolean;
}

function node(value: unknown, type: string): PgNode | undefined {
  const found = (value as PgNode | undefined)?.[type];
  return found !== null && typeof found === 'object' ? (found as PgNode) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function relationParts(rangeVar: PgNode): string[] {
  return [rangeVar.catalogname, rangeVar.schemaname, rangeVar.relname].map(text).filter((part): part is string => part !== undefined);
}

function aliasOf(item: PgNode): { name: string | undefined; renames: boolean } {
  const alias = item.alias as { aliasname?: unknown; colnames?: unknown } | undefined;
  return { name: text(alias?.aliasname)?.toLowerCase(), renames: Array.isArray(alias?.colnames) && alias.colnames.length > 0 };
}

/** Whether a join filters the side a table is on (see the comment at the top). */
function filtersSide({ join, side }: JoinStep): boolean {
  if (join.jointype === 'JOIN_INNER') return true;
  if (join.jointype === 'JOIN_LEFT') return side === 'rarg';
  if (join.jointype === 'JOIN_RIGHT') return side === 'larg';
  return false;
}

class PredicateWalker {
  readonly references = new Map<string, number>();
  readonly clauses: FromClause[] = [];

  constructor(private readonly index: CombineTableIndex) {}

  visit(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as PgNode)) {
      if (key === 'SelectStmt') this.#describeFrom(child as PgNode);
      if (key === 'RangeVar') {
        const table = this.index.find(relationParts(child as PgNode));
        if (table !== undefined) this.references.set(table.key, (this.references.get(table.key) ?? 0) + 1);
      }
      this.visit(child);
    }
  }

  #describeFrom(select: PgNode): void {
    const clause: FromClause = { select, tables: [], otherQualifiers: new Set(), complete: true };
    for (const item of Array.isArray(select.fromClause) ? select.fromClause : []) this.#describeItem(item, [], clause);
    if (clause.tables.length > 0) this.clauses.push(clause);
    // A set operation's branches are bare SELECT bodies, not wrapped in a SelectStmt node.
    for (const branch of [select.larg, select.rarg]) if (branch !== null && typeof branch === 'object') this.#describeFrom(branch as PgNode);
  }

  #describeItem(item: unknown, path: readonly JoinStep[], clause: FromClause): void {
    const rangeVar = node(item, 'RangeVar');
    const join = node(item, 'JoinExpr');
    if (rangeVar !== undefined) {
      const parts = relationParts(rangeVar);
      const table = this.index.find(parts);
      const alias = aliasOf(rangeVar);
      const names = alias.name !== undefined ? [alias.name] : parts.map((_, start) => parts.slice(start).join('.').toLowerCase());
      if (table === undefined) {
        // A CTE name: its columns are whatever its query projects.
        for (const name of names) clause.otherQualifiers.add(name);
        clause.complete = false;
        return;
      }
      clause.tables.push({ table, qualifiers: names, path, renamed: alias.renames });
    } else if (join !== undefined) {
      const alias = aliasOf(join);
      if (alias.name !== undefined) {
        // An aliased join hides the names inside it; its tables' filters are not read.
        clause.otherQualifiers.add(alias.name);
        clause.complete = false;
        return;
      }
      this.#describeItem(join.larg, [...path, { join, side: 'larg' }], clause);
      this.#describeItem(join.rarg, [...path, { join, side: 'rarg' }], clause);
    } else {
      const [, value] = Object.entries((item ?? {}) as PgNode)[0] ?? [];
      const alias = value !== null && typeof value === 'object' ? aliasOf(value as PgNode).name : undefined;
      if (alias !== undefined) clause.otherQualifiers.add(alias);
      clause.complete = false;
    }
  }
}

/** The resolver for columns of `target` within its FROM clause: qualified by one of its names, or unqualified and unique to it. */
function resolverFor(target: FromTable, clause: FromClause): ColumnResolver {
  const columnOf = (table: CombineTable, name: string) => table.columns.find((column) => column.name.toLowerCase() === name)?.name;
  return (columnRef) => {
    const fields = Array.isArray(columnRef.fields) ? (columnRef.fields as unknown[]) : [];
    const names = fields.map((field) => text(node(field, 'String')?.sval)?.toLowerCase());
    if (names.length === 0 || names.some((name) => name === undefined)) return undefined;
    const parts = names as string[];
    const column = parts[parts.length - 1] as string;
    if (parts.length === 1) {
      if (!clause.complete) return undefined;
      const owners = clause.tables.filter((entry) => columnOf(entry.table, column) !== undefined);
      return owners.length === 1 && owners[0] === target ? columnOf(target.table, column) : undefined;
    }
    const qualifier = parts.slice(0, -1).join('.');
    if (!target.qualifiers.includes(qualifier) || clause.otherQualifiers.has(qualifier)) return undefined;
    if (clause.tables.some((entry) => entry !== target && entry.qualifiers.includes(qualifier))) return undefined;
    return columnOf(target.table, column);
  };
}

/** The conjuncts at the places a filter on `target` may be pushed from: its SELECT's WHERE and the ON of each join filtering its side. */
function conjunctsFor(target: FromTable, clause: FromClause): unknown[] {
  return [...splitConjuncts(clause.select.whereClause), ...target.path.filter(filtersSide).flatMap((step) => splitConjuncts(step.join.quals))];
}

function predicatesOf(target: FromTable, clause: FromClause, references: ReadonlyMap<string, number>): TablePredicates {
  if (target.renamed) return { references: 1, predicates: [], joinKeys: [] };
  const resolve = resolverFor(target, clause);
  const conjuncts = conjunctsFor(target, clause);
  const others = new Map(
    clause.tables.filter((other) => other !== target && !other.renamed && references.get(other.table.key) === 1).map((other) => [other.table.key, resolverFor(other, clause)] as const),
  );
  return {
    references: 1,
    predicates: conjuncts.map((conjunct) => readPushablePredicate(conjunct, resolve)).filter((predicate): predicate is PushablePredicate => predicate !== undefined),
    joinKeys: conjuncts.map((conjunct) => readColumnEquality(conjunct, resolve, others)).filter((key): key is JoinKey => key !== undefined),
  };
}

/**
 * The pushable filters and join keys per table (by lower-case qualified name) of a statement the guard
 * allowed as DuckDB SQL; `sql` must parse, and libpg-query must be loaded (SqlGuard.create does).
 */
export function findPushablePredicates(sql: string, index: CombineTableIndex): Map<string, TablePredicates> {
  const walker = new PredicateWalker(index);
  walker.visit(parseSync(sql));
  const found = new Map<string, TablePredicates>();
  for (const [key, references] of walker.references) found.set(key, { references, predicates: [], joinKeys: [] });
  for (const clause of walker.clauses) {
    for (const target of clause.tables) {
      if (walker.references.get(target.table.key) === 1) found.set(target.table.key, predicatesOf(target, clause, walker.references));
    }
  }
  return found;
}
