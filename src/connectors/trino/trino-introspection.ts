import { SwitchyardError } from '../../errors/switchyard-error.js';
import { quoteWithDoubleQuotes } from '../../dialects/quote-identifier.js';
import { quoteStringLiteral } from '../../dialects/quote-string-literal.js';
import type { IntrospectedTable } from '../connector.js';
import type { CatalogQuery } from '../common/information-schema-introspection.js';
import { assembleIntrospectedTables } from '../common/introspected-table-assembler.js';

/** A Trino schema to list, and how its tables are named in SQL. */
interface ListedSchema {
  /** Catalog holding the schema. */
  readonly catalog: string;
  /** Schema whose tables are listed. */
  readonly schema: string;
  /** Written before each table name: empty for the session's own schema, `catalog.schema.` otherwise. */
  readonly prefix: string;
}

/**
 * Table comments, which Trino keeps in the system catalog; an empty map when the user may not read it
 * (file-based access control often grants no `system` access) or the coordinator lacks the table.
 */
async function tableComments(query: CatalogQuery, listed: ListedSchema): Promise<Map<string, unknown>> {
  try {
    const result = await query(
      `SELECT table_name, comment FROM system.metadata.table_comments WHERE catalog_name = ${quoteStringLiteral(listed.catalog)} AND schema_name = ${quoteStringLiteral(listed.schema)}`,
    );
    return new Map(result.rows.map(([table, comment]) => [String(table), comment]));
  } catch (error) {
    if (SwitchyardError.isInstance(error) && error.code === 'SWY_ERR_QUERY_FAILED') return new Map();
    throw error;
  }
}

async function introspectSchema(query: CatalogQuery, listed: ListedSchema): Promise<IntrospectedTable[]> {
  // `comment` is a hidden column of Trino's information_schema.columns: it is listed only when named.
  const columns = await query(
    `SELECT table_name, column_name, data_type, is_nullable, comment FROM ${quoteWithDoubleQuotes(listed.catalog)}.information_schema.columns WHERE table_schema = ${quoteStringLiteral(listed.schema)} ORDER BY table_name, ordinal_position`,
  );
  const comments = await tableComments(query, listed);
  return assembleIntrospectedTables(
    columns.rows.map(([table, column, type, nullable, comment]) => ({
      table: `${listed.prefix}${String(table)}`,
      tableComment: comments.get(String(table)),
      column: String(column),
      type: String(type).replace(/,\s+/g, ','),
      nullable: String(nullable).toUpperCase() !== 'NO',
      columnComment: comment,
    })),
  );
}

/**
 * Tables and columns of the session's schema (named unqualified) and of every federated
 * `catalog.schema` (named `catalog.schema.table`, as a query must write them), through each catalog's
 * information_schema. Trino reports no foreign keys.
 */
export async function introspectTrino(
  query: CatalogQuery,
  connection: { readonly catalog: string; readonly schema: string; readonly federates?: Readonly<Record<string, string>> | undefined },
): Promise<IntrospectedTable[]> {
  const own = { catalog: connection.catalog, schema: connection.schema, prefix: '' };
  const federated = [...new Set(Object.values(connection.federates ?? {}).map((name) => name.toLowerCase()))]
    .filter((name) => name !== `${connection.catalog}.${connection.schema}`.toLowerCase())
    .map((name) => {
      const [catalog = '', schema = ''] = name.split('.');
      return { catalog, schema, prefix: `${catalog}.${schema}.` };
    });
  const tables: IntrospectedTable[] = [];
  for (const listed of [own, ...federated]) tables.push(...(await introspectSchema(query, listed)));
  return tables;
}
