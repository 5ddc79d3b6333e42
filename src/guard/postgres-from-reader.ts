import type { BlockSources, ColumnReferenceCollector } from './column-reference-collector.js';

/*
 * Reads one query block's FROM clause from libpg-query's parse tree for the column check: which base
 * tables its stars cover, and which names (aliases, table names, CTE names) qualify whose columns.
 * The tables themselves are checked by the tree walker; this only describes them.
 */

type PgNode = Record<string, unknown>;

/** FROM items whose columns are what their own query or function produces; those are checked where written. */
const derivedItems = new Set(['RangeSubselect', 'RangeFunction', 'RangeTableFunc', 'JsonTable']);

function aliasName(node: PgNode): string | undefined {
  const alias = (node.alias as { aliasname?: unknown } | undefined)?.aliasname;
  return typeof alias === 'string' && alias.length > 0 ? alias : undefined;
}

/** The alias column list of a FROM item (`AS u(a, b)`): the new names of its first columns. */
function aliasColumnNames(node: PgNode): string[] {
  const names = (node.alias as { colnames?: unknown } | undefined)?.colnames;
  if (!Array.isArray(names)) return [];
  return names.map((name) => ((name as { String?: { sval?: unknown } }).String?.sval as string | undefined) ?? '');
}

/** Name parts of a RangeVar, outermost first. */
export function rangeVarParts(rangeVar: PgNode): string[] {
  return [rangeVar.catalogname, rangeVar.schemaname, rangeVar.relname].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
}

/** The base relations a FROM item reads directly. */
interface ItemRelations {
  /** The relations, left to right. */
  relations: string[][];
  /** True when the item's columns are exactly those relations' columns laid end to end (tables joined by ON or CROSS). */
  laidEndToEnd: boolean;
}

/** Describes one FROM item, declaring its qualifiers, and returns the base relations it reads directly. */
function describeItem(item: unknown, scope: ReadonlySet<string>, columns: ColumnReferenceCollector, sources: BlockSources): ItemRelations {
  const [type, value] = Object.entries((item ?? {}) as PgNode)[0] ?? ['', undefined];
  const node = (value ?? {}) as PgNode;
  const alias = aliasName(node);
  const aliasNames = alias === undefined ? [] : [[alias]];
  if (type === 'RangeVar') {
    const parts = rangeVarParts(node);
    // Every suffix of the name qualifies its columns (`users.email`, `public.users.email`), alias or not.
    const names = [...aliasNames, ...parts.map((_, start) => parts.slice(start))];
    if (parts.length === 1 && scope.has(parts[0] ?? '')) {
      columns.addQualifiers(names, undefined);
      return { relations: [], laidEndToEnd: false };
    }
    columns.addQualifiers(names, [parts]);
    columns.addRenamedColumns(aliasColumnNames(node), [parts], true);
    return { relations: [parts], laidEndToEnd: true };
  }
  if (type === 'JoinExpr') {
    const left = describeItem(node.larg, scope, columns, sources);
    const right = describeItem(node.rarg, scope, columns, sources);
    const relations = [...left.relations, ...right.relations];
    // USING and NATURAL put the merged columns first; a derived side has columns the catalog does not list.
    const merging = node.isNatural === true || (Array.isArray(node.usingClause) && node.usingClause.length > 0);
    const laidEndToEnd = left.laidEndToEnd && right.laidEndToEnd && !merging;
    columns.addQualifiers(aliasNames, relations);
    columns.addRenamedColumns(aliasColumnNames(node), relations, laidEndToEnd);
    return { relations, laidEndToEnd };
  }
  if (type === 'RangeTableSample') return describeItem(node.relation, scope, columns, sources);
  if (derivedItems.has(type)) {
    columns.addQualifiers(aliasNames, undefined);
    return { relations: [], laidEndToEnd: false };
  }
  // An item the guard does not know: its block's stars count against every relation of the statement.
  sources.complete = false;
  return { relations: [], laidEndToEnd: false };
}

/** The base relations a block's FROM clause reads directly; declares every qualifier it introduces. */
export function describePostgresFrom(fromClause: unknown, scope: ReadonlySet<string>, columns: ColumnReferenceCollector): BlockSources {
  const sources: BlockSources = { relations: [], complete: true };
  for (const item of Array.isArray(fromClause) ? fromClause : []) {
    sources.relations.push(...describeItem(item, scope, columns, sources).relations);
  }
  return sources;
}
