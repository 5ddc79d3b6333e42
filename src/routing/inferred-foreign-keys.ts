import type { CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import { splitWords, stemWord } from './text-terms.js';

type ForeignKey = CatalogTable['foreignKeys'][number];

const routingViews = new WeakMap<CatalogSource, CatalogSource>();

/** A table's name as one stemmed word, so `Country`, `countries` and `country_id`'s prefix meet. */
function nameKey(words: string[]): string {
  return stemWord(words.join(''));
}

/**
 * The source as routing sees it: its declared foreign keys plus those its column names imply. Many
 * warehouses declare none (Athena and Glue tables cannot, Redshift does not enforce them, and
 * migrated schemas often drop them), yet `Match.country_id` plainly joins `Country`. A column
 * whose name is another table's name followed by `id` (`country_id`, `CountryId`) references that
 * table when the table has a column `id` or one of the same name. Built once per source object.
 */
export function withInferredForeignKeys(source: CatalogSource): CatalogSource {
  let view = routingViews.get(source);
  if (view !== undefined) return view;
  const byKey = new Map<string, CatalogTable>();
  for (const table of source.tables) {
    const key = nameKey(splitWords(table.name));
    if (!byKey.has(key)) byKey.set(key, table);
  }
  let added = false;
  const tables = source.tables.map((table) => {
    const declared = new Set(table.foreignKeys.map((foreignKey) => foreignKey.column));
    const inferred: ForeignKey[] = [];
    for (const column of table.columns) {
      if (declared.has(column.name)) continue;
      const words = splitWords(column.name);
      if (words.length < 2 || words.at(-1) !== 'id') continue;
      const target = byKey.get(nameKey(words.slice(0, -1)));
      if (target === undefined || target === table) continue;
      const key = target.columns.find((candidate) => candidate.name.toLowerCase() === 'id' || candidate.name.toLowerCase() === column.name.toLowerCase());
      if (key !== undefined) inferred.push({ column: column.name, referencedTable: target.name, referencedColumn: key.name });
    }
    if (inferred.length === 0) return table;
    added = true;
    return { ...table, foreignKeys: [...table.foreignKeys, ...inferred] };
  });
  view = added ? { ...source, tables } : source;
  routingViews.set(source, view);
  return view;
}
