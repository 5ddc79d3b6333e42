import type { CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import type { CrossSourceJoin, SourceTable } from './cross-source-joins.js';
import { withInferredForeignKeys } from './inferred-foreign-keys.js';

/** Separates source and table in a union table's name; no source or table name holds it. */
const separator = '\u0000';

/** A table of the union, named so that tables of different sources never collide. */
export function unionTableName(source: string, table: string): string {
  return `${source}${separator}${table}`;
}

/** The source and table a union table name stands for. */
export function sourceTableOf(name: string): SourceTable {
  const [source, table] = name.split(separator) as [string, string];
  return { source, table };
}

const unions = new WeakMap<CatalogSource, Map<string, CatalogSource>>();

/**
 * The tables of several sources as one source, so that table need (orderSourceTables) can be judged
 * over all of them at once, as for the tables of one source: each member's foreign keys (declared and
 * name-implied) and the cross-source joins among them are its foreign keys. Remembered per first
 * member and member list, so a snapshot builds each union once.
 */
export function tableUnion(members: readonly CatalogSource[], joins: readonly CrossSourceJoin[]): CatalogSource {
  const first = members[0]!;
  const memo = unions.get(first) ?? new Map<string, CatalogSource>();
  unions.set(first, memo);
  const memoKey = members.map((member) => member.name).join(separator);
  const known = memo.get(memoKey);
  if (known !== undefined) return known;
  const tables: CatalogTable[] = members.flatMap((member) =>
    withInferredForeignKeys(member).tables.map((table) => ({
      ...table,
      name: unionTableName(member.name, table.name),
      foreignKeys: [
        ...table.foreignKeys.map((key) => ({ ...key, referencedTable: unionTableName(member.name, key.referencedTable) })),
        ...joins
          .filter((join) => join.from.source === member.name && join.from.table === table.name)
          .map((join) => ({ column: '', referencedTable: unionTableName(join.to.source, join.to.table), referencedColumn: '' })),
      ],
    })),
  );
  const union: CatalogSource = { ...first, name: memoKey, tables };
  memo.set(memoKey, union);
  return union;
}
