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

/** Describes one FROM item, declaring its qualifiers, and returns the base relations it reads directly. */
function describeItem(item: unknown, scope: ReadonlySet<string>, columns: ColumnReferenceCollector, sources: BlockSources): string[][] {
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
      return [];
    }
    columns.addQualifiers(names, [parts]);
    columns.addRenamedColumns(aliasColumnNames(node), [parts], true);
    return [parts];
  }
  if (type === 'JoinExpr') {
    const relations = [
      ...describeItem(node.larg, scope, columns, sources),
      ...describeItem(node.rarg, scope, columns, sources),
    ];
    columns.addQualifiers(aliasNames, relations);
    // A join's column order (USING columns first, then each side's) is not derived here: a renamed join column may be any of them.
    columns.addRenamedColumns(aliasColumnNames(node), relations, false);
    return relations;
  }
  if (type === 'RangeTableSample') return describeItem(node.relation, scope, columns, sources);
  if (derivedItems.has(type)) {
    columns.addQualifiers(aliasNames, undefined);
    return [];
  }
  // An item the guard does not know: its block's stars count against every relation of the statement.
  sources.complete = false;
  return [];
}

/** The base relations a block's FROM clause reads directly; declares every qualifier it introduces. */
export function describePostgresFrom(fromClause: unknown, scope: ReadonlySet<string>, columns: ColumnReferenceCollector): BlockSources {
  const sources: BlockSources = { relations: [], complete: true };
  for (const item of Array.isArray(fromClause) ? fromClause : []) {
    sources.relations.push(...describeItem(item, scope, columns, sources));
  }
  return sources;
}
