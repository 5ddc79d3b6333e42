import type { CatalogTable } from '../../../catalog/catalog-types.js';
import { renderSchemaWithSamples, schemaDetailLevels } from '../../../catalog/table-info-renderer.js';
import type { SqlDialect } from '../../../dialects/sql-dialect.js';
import { fitsTokenBudget } from '../../../llm/tokens/token-counter.js';

/** The schema text a SQL prompt carries, and what was left out to fit it. */
export interface FittedSchema {
  /** The rendered schema. */
  readonly text: string;
  /** Position in `schemaDetailLevels` of the detail shown (0 = everything). */
  readonly detail: number;
  /** The tables shown, in the order given; the last ones go first when even bare DDL is too long. */
  readonly tables: CatalogTable[];
}

/**
 * Renders the routed tables for chain 2 within a token budget. Routing budgets the compact catalog
 * of names, but wide tables with long sample values and value lists can still outgrow the model's
 * context, and a provider answers that with an error, not SQL. Detail is shed in the order it helps
 * least: extra sample rows, then all rows, sampled value lists, and comments; only then are the
 * lowest-ranked tables left out. The first table always stays, so there is something to query.
 */
export function fitSchemaToBudget(tables: CatalogTable[], dialect: SqlDialect, budget: number, countTokens: (text: string) => number): FittedSchema {
  for (let detail = 0; detail < schemaDetailLevels.length; detail += 1) {
    const text = renderSchemaWithSamples(tables, dialect, schemaDetailLevels[detail]);
    if (fitsTokenBudget(countTokens, [text], budget)) return { text, detail, tables };
  }
  const barest = schemaDetailLevels.length - 1;
  let shown = tables.slice(0, -1);
  while (shown.length > 1 && !fitsTokenBudget(countTokens, [renderSchemaWithSamples(shown, dialect, schemaDetailLevels[barest])], budget)) shown = shown.slice(0, -1);
  if (shown.length === 0) shown = tables.slice(0, 1);
  return { text: renderSchemaWithSamples(shown, dialect, schemaDetailLevels[barest]), detail: barest, tables: shown };
}
