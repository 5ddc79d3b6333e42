import { quoteStringLiteral } from '../../dialects/quote-string-literal.js';
import type { IntrospectedTable, QueryResult } from '../connector.js';
import { assembleIntrospectedTables } from './introspected-table-assembler.js';

/** Runs one catalog query through the engine itself and returns its rows. */
export type CatalogQuery = (sql: string) => Promise<QueryResult>;

/**
 * Tables and columns of one schema from the SQL-standard information_schema, for engines reached
 * through an API rather than a driver (Athena, Redshift Data API, Snowflake). `schemaExpression`
 * is either a schema name or a SQL expression such as CURRENT_SCHEMA().
 */
export async function introspectInformationSchema(
  query: CatalogQuery,
  schema: { name: string } | { expression: string },
): Promise<IntrospectedTable[]> {
  const schemaSql = 'name' in schema ? quoteStringLiteral(schema.name) : schema.expression;
  const result = await query(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = ${schemaSql} ORDER BY table_name, ordinal_position`,
  );
  return assembleIntrospectedTables(
    result.rows.map(([table, column, type, nullable]) => ({
      table: String(table),
      column: String(column),
      type: String(type),
      nullable: String(nullable).toUpperCase() !== 'NO',
    })),
  );
}
