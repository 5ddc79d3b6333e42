import type { BlockSources, ColumnReferenceCollector } from './column-reference-collector.js';
import { GuardRejection } from './guard-rejection.js';

/*
 * Reads node-sql-parser's loosely typed AST for the column check: identifier text, the name parts of a
 * table item or a column reference, and which base tables one query block's stars cover. The tables
 * themselves are checked by the portable tree walker; this only describes them.
 */

type AstNode = Record<string, unknown>;

/** The text of an identifier node: a plain string, `{ value }` (quoted forms) or `{ expr: { value } }`. */
export function identifierText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const record = value as AstNode;
    if (typeof record.value === 'string') return record.value;
    if (record.expr !== undefined) return identifierText(record.expr);
  }
  return undefined;
}

/** Name parts of a FROM item that names a table, outermost first (grammars spread them over db/schema/catalog). */
export function tableItemParts(item: AstNode): string[] {
  return [item.catalog ?? (item.schema != null ? item.db : undefined), item.schema ?? (item.catalog == null ? item.db : undefined), item.table]
    .map(identifierText)
    .filter((part): part is string => part !== undefined && part.length > 0);
}

/**
 * Name parts of a column_ref node (qualifiers, then the column or `*`); undefined when the column's shape
 * is unknown. Snowflake's `data:email` path arrives as table `data`, column `email`, and other grammars
 * take `email:x` for one column named so: each piece may be a column, so each is also returned on its own
 * in `pathColumns` (fail closed).
 */
export function columnRefParts(node: AstNode): { parts: string[]; pathColumns: string[] } | undefined {
  const column = identifierText(node.column);
  if (column === undefined || column === '') return undefined;
  const qualifiers = [node.db, node.schema, node.table]
    .map(identifierText)
    .filter((part): part is string => part !== undefined && part.length > 0);
  const notations = Array.isArray(node.notations) ? node.notations : [];
  const isPath = notations.some((notation) => notation !== '.');
  const pieces = column.includes(':') ? column.split(/[:.[\]]/u).filter((piece) => piece !== '') : [];
  return { parts: [...qualifiers, column], pathColumns: [...(isPath ? qualifiers : []), ...pieces] };
}

/** A FROM item's alias: its name, and the alias column list's names when it has one (`'unreadable'` when they cannot be trusted). */
interface ItemAlias {
  /** The name that qualifies the item's columns. */
  name: string | undefined;
  /** New names of the item's first columns, in order. */
  columns: string[] | 'unreadable';
}

function readArgumentName(argument: unknown): string | undefined {
  const node = (argument ?? {}) as AstNode;
  if (node.type === 'double_quote_string' && typeof node.value === 'string') return node.value;
  return node.type === 'column_ref' && node.table == null ? identifierText(node.column) : undefined;
}

/**
 * Reads `AS u(a, b)` in the two forms the grammars give it. Athena's grammar parses it as a call `u(a, b)`,
 * whose arguments are the names. The PostgreSQL, Trino and Snowflake grammars flatten it into the text
 * `u(a, b)`, quotes dropped, so `u("a, b", c)` and `u(a, b, c)` look the same: those names cannot be
 * trusted, only that a list is there (a quoted alias containing a parenthesis looks the same too).
 */
function readAlias(item: AstNode): ItemAlias {
  const alias = item.as as AstNode | string | null | undefined;
  if (typeof alias === 'string') {
    const open = alias.indexOf('(');
    if (open < 0) return { name: alias === '' ? undefined : alias, columns: [] };
    return { name: alias.slice(0, open).trim() || undefined, columns: 'unreadable' };
  }
  if (alias?.type === 'function') {
    const nameParts = ((alias.name as AstNode | undefined)?.name ?? []) as unknown[];
    const name = nameParts.length === 1 ? identifierText(nameParts[0]) : undefined;
    const names = (((alias.args as AstNode | undefined)?.value ?? []) as unknown[]).map(readArgumentName);
    // The grammar takes any expression there; the engine takes only names, so anything else is not SQL it would run.
    if (name === undefined || !names.every((column): column is string => column !== undefined && column !== '')) {
      throw new GuardRejection('parse-error', 'A FROM item has an alias column list that is not a list of column names.');
    }
    return { name, columns: names };
  }
  const name = identifierText(alias);
  return { name: name === '' ? undefined : name, columns: [] };
}

/** Declares an item's alias column list over the base relations it renames. */
function declareRenames(alias: ItemAlias, relations: string[][], positional: boolean, columns: ColumnReferenceCollector): void {
  if (alias.columns === 'unreadable') columns.addUnreadableRename(`AS ${alias.name ?? ''}(…)`, relations);
  else columns.addRenamedColumns(alias.columns, relations, positional);
}

/** Nested table list of a parenthesised FROM item (`JOIN (t)`, `FROM (a, b)`), if it is one. */
function nestedTableList(item: AstNode): unknown[] | undefined {
  const nested = item.expr as AstNode | unknown[] | null | undefined;
  if (Array.isArray(nested)) return nested;
  if (nested?.type === 'tables' && Array.isArray(nested.expr)) return nested.expr as unknown[];
  return undefined;
}

function describeItems(from: unknown, scope: ReadonlySet<string>, columns: ColumnReferenceCollector, sources: BlockSources): void {
  if (from === null || from === undefined) return;
  for (const raw of Array.isArray(from) ? from : [from]) {
    const item = (raw ?? {}) as AstNode;
    const nested = typeof item.table === 'string' ? undefined : nestedTableList(item);
    const alias = readAlias(item);
    const aliasNames = alias.name === undefined ? [] : [[alias.name]];
    const expression = item.expr as AstNode | null | undefined;
    if (nested !== undefined) {
      const first = sources.relations.length;
      describeItems(nested, scope, columns, sources);
      const relations = sources.relations.slice(first);
      columns.addQualifiers(aliasNames, relations);
      declareRenames(alias, relations, false, columns);
    } else if (typeof item.table === 'string' && item.type !== 'column_ref') {
      const parts = tableItemParts(item);
      const names = [...aliasNames, ...parts.map((_, start) => parts.slice(start))];
      if (parts.length === 1 && scope.has((parts[0] ?? '').toLowerCase())) columns.addQualifiers(names, undefined);
      else {
        columns.addQualifiers(names, [parts]);
        declareRenames(alias, [parts], true, columns);
        sources.relations.push(parts);
      }
    } else if (item.type === 'dual') continue;
    else if (expression?.ast != null || item.type === 'unnest' || expression?.type === 'function') {
      // A derived table or table function: its columns are what its own query or arguments read.
      columns.addQualifiers(aliasNames, undefined);
    } else sources.complete = false;
  }
}

/** The base relations a query block's FROM list reads directly; declares every qualifier it introduces. */
export function describePortableFrom(from: unknown, scope: ReadonlySet<string>, columns: ColumnReferenceCollector): BlockSources {
  const sources: BlockSources = { relations: [], complete: true };
  describeItems(from, scope, columns, sources);
  return sources;
}
