import { SwitchyardError } from '../errors/switchyard-error.js';
import type { GuardColumnRead } from '../guard/sql-guard.js';
import type { CombineTable, CombineTableIndex } from './combine-table-index.js';

/** The columns one part extracts, in catalog order. */
export interface PartProjection {
  /** The table. */
  readonly table: CombineTable;
  /** Column names in catalog spelling and order; never a PII column. */
  readonly columns: string[];
}

/**
 * The columns each source table must deliver for the combine query, from the guard's column lineage:
 * the union of the columns read of each base table (an unqualified column counts against every table
 * the query reads, as lineage says), matched case-insensitively with the catalog's columns; a star,
 * whole-row or untraceable read takes every column. Tables come in order of first reference.
 *
 * The guard already refused every read that could reach a PII column; a projection holding one
 * anyway is a planner bug, refused here as SWY_ERR_INTERNAL rather than extracted.
 */
export function readPartProjections(relations: readonly string[], reads: readonly GuardColumnRead[], index: CombineTableIndex): PartProjection[] {
  const wanted = new Map<string, { table: CombineTable; names: Set<string> }>();
  for (const relation of relations) {
    const table = index.find(relation);
    if (table !== undefined && !wanted.has(table.key)) wanted.set(table.key, { table, names: new Set() });
  }
  for (const { relation, read } of reads) {
    const entry = wanted.get(index.find(relation)?.key ?? '');
    if (entry === undefined) continue;
    const names = read.kind === 'columns' ? read.columns : entry.table.columns.map((column) => column.name);
    for (const name of names) entry.names.add(name.toLowerCase());
  }
  return [...wanted.values()].map(({ table, names }) => {
    const chosen = table.columns.filter((column) => names.has(column.name.toLowerCase()));
    const leaked = chosen.filter((column) => column.pii === true);
    if (leaked.length > 0) {
      throw new SwitchyardError(
        'SWY_ERR_INTERNAL',
        `The federated planner would extract the personal-data column ${table.qualifiedName}.${leaked[0]?.name ?? ''} although the guard allowed the query; nothing was run. Report this as a bug.`,
        { details: { table: table.qualifiedName, columns: leaked.map((column) => column.name) } },
      );
    }
    // A table whose columns the query never names (COUNT(*), EXISTS) still delivers its rows: the first non-PII column carries them.
    const carrier = table.columns.find((column) => column.pii !== true);
    const columns = chosen.length > 0 ? chosen : carrier === undefined ? [] : [carrier];
    return { table, columns: columns.map((column) => column.name) };
  });
}
