import type { CatalogTable } from '../catalog/catalog-types.js';
import type { ScoredTable } from './retrieval-result.js';
import { minimumPrefixLength, weightedForms } from './term-impact-index.js';
import type { QueryTerm } from './text-terms.js';

/** What one table's own words are, apart from the words of its foreign-key columns. */
interface TableWords {
  /** Terms of the table's name, description and columns that reference no other table. */
  readonly own: Set<string>;
  /** Terms found only in foreign-key column names, with the table each column references. */
  readonly referencing: Map<string, string>;
}

const key = (source: string, table: string) => `${source}\u0000${table}`;

/**
 * Hands a question word a table matched only through a foreign-key column to the table that
 * column references. `Match.country_id` holds no country, only its key: a question about "the
 * country" reads `Country`, and counting the word as covered by `Match` would leave `Country` out
 * of the hand-over. A link table's name (`hero_power`) is read as its columns are: it names the
 * tables it joins. Scores are untouched; only which table a word counts for in table selection.
 */
export class ForeignKeyTerms {
  readonly #tables = new Map<string, TableWords>();

  /** Records a table's words; `terms` turns an identifier or description into index terms. */
  add(source: string, table: CatalogTable, terms: (text: string) => string[]): void {
    const referenced = new Map<string, string>();
    for (const foreignKey of table.foreignKeys) if (foreignKey.referencedTable !== table.name) referenced.set(foreignKey.column, foreignKey.referencedTable);
    if (referenced.size === 0) return;
    const linkTable = table.columns.every((column) => referenced.has(column.name));
    // A link table holds nothing of its own: its name and description name the tables it joins.
    const own = new Set<string>(linkTable ? [] : [table.name, table.description ?? '', ...(table.synonyms ?? [])].flatMap(terms));
    const referencing = new Map<string, string>();
    for (const column of table.columns) {
      const target = referenced.get(column.name);
      if (target !== undefined) for (const term of terms(column.name)) if (!referencing.has(term)) referencing.set(term, target);
    }
    if (referencing.size === 0) return;
    for (const column of table.columns) {
      if (referenced.has(column.name)) continue;
      const values = column.pii === true ? [] : [...(column.distinctValues ?? []), ...(column.sampleValues ?? [])];
      for (const term of [column.name, column.description ?? '', ...values].flatMap(terms)) own.add(term);
    }
    for (const term of own) referencing.delete(term);
    if (referencing.size > 0) this.#tables.set(key(source, table.name), { own, referencing });
  }

  /**
   * Moves each table's question terms that it holds only in foreign-key column names to the tables
   * those columns reference; a referenced table given a term counts as matched.
   */
  delegate(tables: ScoredTable[], terms: readonly QueryTerm[]): ScoredTable[] {
    const moved = new Map<string, Set<number>>();
    const kept = new Map<ScoredTable, number[]>();
    for (const table of tables) {
      const words = this.#tables.get(key(table.source, table.table));
      if (words === undefined || table.matchedTerms === undefined || table.matchedTerms.length === 0) continue;
      const remaining: number[] = [];
      for (const position of table.matchedTerms) {
        const target = referencedTable(words, terms[position]);
        if (target === undefined) {
          remaining.push(position);
          continue;
        }
        const positions = moved.get(key(table.source, target)) ?? new Set<number>();
        positions.add(position);
        moved.set(key(table.source, target), positions);
      }
      if (remaining.length < table.matchedTerms.length) kept.set(table, remaining);
    }
    if (moved.size === 0) return tables;
    return tables.map((table) => {
      const remaining = kept.get(table);
      const gained = moved.get(key(table.source, table.table));
      if (remaining === undefined && gained === undefined) return table;
      const matchedTerms = [...new Set([...(remaining ?? table.matchedTerms ?? []), ...(gained ?? [])])].sort((left, right) => left - right);
      return { ...table, matchedTerms, ...(gained === undefined ? {} : { reason: 'match' as const }) };
    });
  }
}

/** The table a question term points to when a table holds it only in a foreign-key column name. */
function referencedTable(words: TableWords, term: QueryTerm | undefined): string | undefined {
  if (term === undefined) return undefined;
  let target: string | undefined;
  for (const [form] of weightedForms(term)) {
    if (words.own.has(form)) return undefined;
    // The impact index lets a long enough term meet longer index terms that start with it.
    if (form.length >= minimumPrefixLength) for (const own of words.own) if (own.startsWith(form)) return undefined;
    target ??= words.referencing.get(form);
  }
  return target;
}
