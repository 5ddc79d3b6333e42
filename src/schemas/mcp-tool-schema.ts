import { Type, type Static } from 'typebox';
import { TableSchema } from './catalog-schema.js';
import { QueryResponseSchema } from './query-schema.js';

// The Model Context Protocol tools' input and output schemas, built from the REST API's own schemas so
// that both channels describe one answer, one source and one table the same way.

/** Longest SQL run_sql takes, in characters (the body limit bounds it too). */
const sqlLengthLimit = 100_000;

const rowsShown = Type.Integer({
  description: 'Rows included here: the first rows of the result, up to SWITCHYARD_MCP_MAX_ROWS and SWITCHYARD_MCP_MAX_RESULT_BYTES; get_rows pages through the rest.',
});

/** The ask tool's result: the REST answer without its debug fields, its rows capped for a model's context. */
export const AskResultSchema = Type.Object(
  {
    ...Type.Pick(QueryResponseSchema, [
      'answer', 'source', 'tables', 'sql', 'modelSql', 'requestLanguage', 'columns', 'rows', 'rowCount', 'truncated', 'attempts', 'guard',
      'conversationId', 'standaloneQuestion', 'queryId', 'answerCheck', 'plan', 'cache',
    ]).properties,
    rowsShown,
  },
  { title: 'AskResult' },
);

/** Tools that take no arguments. */
export const NoArgumentsSchema = Type.Object({}, { additionalProperties: false, title: 'NoArguments' });

/** The search_catalog tool's arguments. */
export const SearchCatalogArgumentsSchema = Type.Object(
  {
    query: Type.String({ minLength: 1, maxLength: 2000, description: 'What to look for, in words: "which tables hold ticket prices".' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'Tables to return at most, best first.' })),
  },
  { additionalProperties: false, title: 'SearchCatalogArguments' },
);

const routing = QueryResponseSchema.properties.routing;

/** The search_catalog tool's result: routing's lexical retrieval, as the /query debug field shows it. */
export const SearchCatalogResultSchema = Type.Object(
  {
    query: Type.String(),
    method: routing.properties.method,
    candidates: routing.properties.candidates,
  },
  { title: 'SearchCatalogResult' },
);

/** The describe_table tool's arguments. */
export const DescribeTableArgumentsSchema = Type.Object(
  {
    source: Type.String({ minLength: 1, description: 'Source name, as list_sources gives it.' }),
    table: Type.String({ minLength: 1, description: 'Table name, as search_catalog or the source\'s schema resource gives it.' }),
  },
  { additionalProperties: false, title: 'DescribeTableArguments' },
);

/** The describe_table tool's result: one table as GET /catalog shows it. */
export const DescribeTableResultSchema = Type.Object(
  { source: Type.String(), dialect: Type.String({ description: 'The SQL dialect run_sql must be written in.' }), table: TableSchema },
  { title: 'DescribeTableResult' },
);

/** The run_sql tool's arguments. */
export const RunSqlArgumentsSchema = Type.Object(
  {
    source: Type.String({ minLength: 1, description: 'Source to run on, as list_sources gives it.' }),
    sql: Type.String({ minLength: 1, maxLength: sqlLengthLimit, description: 'One read-only query in the source\'s dialect (describe_table says which).' }),
    maxRows: Type.Optional(Type.Integer({ minimum: 1, description: 'Rows to read at most (capped by the server and the source).' })),
  },
  { additionalProperties: false, title: 'RunSqlArguments' },
);

/** The run_sql tool's result. */
export const RunSqlResultSchema = Type.Object(
  { ...Type.Pick(QueryResponseSchema, ['source', 'sql', 'columns', 'rows', 'rowCount', 'truncated', 'guard', 'queryId']).properties, rowsShown },
  { title: 'RunSqlResult' },
);

/** The get_rows tool's arguments. */
export const GetRowsArgumentsSchema = Type.Object(
  {
    queryId: Type.String({ minLength: 1, maxLength: 64, description: 'The queryId of an ask or run_sql result.' }),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Rows to skip.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Rows to return (capped by SWITCHYARD_MCP_MAX_ROWS).' })),
  },
  { additionalProperties: false, title: 'GetRowsArguments' },
);

/** The get_rows tool's result: one page of the query's rows, read again from the source. */
export const GetRowsResultSchema = Type.Object(
  {
    queryId: Type.String(),
    ...Type.Pick(QueryResponseSchema, ['source', 'columns', 'rows']).properties,
    offset: Type.Integer(),
    nextOffset: Type.Optional(Type.Integer({ description: 'Offset of the next page; absent on the last page.' })),
    capped: Type.Boolean({ description: 'True when the result goes on past SWITCHYARD_CSV_MAX_ROWS (or the source\'s maxRows), which no page reaches.' }),
  },
  { title: 'GetRowsResult' },
);

export type AskResult = Static<typeof AskResultSchema>;
export type SearchCatalogArguments = Static<typeof SearchCatalogArgumentsSchema>;
export type SearchCatalogResult = Static<typeof SearchCatalogResultSchema>;
export type DescribeTableArguments = Static<typeof DescribeTableArgumentsSchema>;
export type DescribeTableResult = Static<typeof DescribeTableResultSchema>;
export type RunSqlArguments = Static<typeof RunSqlArgumentsSchema>;
export type RunSqlResult = Static<typeof RunSqlResultSchema>;
export type GetRowsArguments = Static<typeof GetRowsArgumentsSchema>;
export type GetRowsResult = Static<typeof GetRowsResultSchema>;
