import { informationLeakFunctions } from '../information-leak-functions.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';
import type { SqlDialectProfile } from '../sql-dialect-profile.js';
import { snowflakeFunctionList } from './snowflake-function-list.js';

/**
 * Snowflake SQL: double-quoted identifiers that are case-sensitive once quoted (unquoted ones fold
 * to upper case), `QUALIFY`, `DATEADD`, `IFF`, `ILIKE`; the details live in the prompt notes.
 * node-sql-parser's Snowflake grammar lacks INTERSECT/EXCEPT, so PostgreSQL's grammar reads those.
 * Snowflake reads backslash escapes and `$$` strings as the grammars do, but `#` is no comment.
 */
export const snowflakeDialect: SqlDialectProfile = {
  name: 'snowflake',
  displayName: 'Snowflake',
  promptNotesFile: 'snowflake.md',
  quoteIdentifier: quoteWithDoubleQuotes,
  grammar: { parser: 'node-sql-parser', grammars: ['Snowflake'], postgresFallback: true, maskIsNullTests: false },
  lexical: {
    executableComments: false,
    dashCommentNeedsSpace: false,
    backslashEscapes: 'as-grammar',
    hashIsNotComment: true,
    dollarIsNotQuote: false,
    bracketIdentifiers: false,
  },
  defaultSchema: 'public',
  systemRelations: {
    schemas: ['snowflake', 'information_schema', 'account_usage', 'organization_usage', 'data_sharing_usage',
      'reader_account_usage'],
    prefixes: [],
    names: [],
    dollarMetadataTables: false,
  },
  builtInSchemas: [],
  deniedFunctions: [
    {
      rule: 'denied-file-access',
      why: 'reads stage files or builds file URLs',
      names: ['get_presigned_url', 'build_scoped_file_url', 'build_stage_file_url', 'get_stage_location',
        'get_relative_path', 'get_absolute_path', 'infer_schema', 'validate', 'validate_pipe_load'],
    },
    {
      rule: 'denied-function',
      why: 'calls system procedures, reads other query results or exposes object definitions',
      names: ['get_ddl', 'result_scan', 'last_query_id', 'current_account', 'current_role', 'current_user',
        'current_session', 'current_warehouse', 'external_function'],
      prefixes: ['system$'],
    },
    {
      rule: 'system-catalog',
      why: 'reads account metadata',
      prefixes: ['query_history', 'login_history', 'copy_history', 'task_history', 'warehouse_', 'policy_references',
        'tag_references', 'automatic_clustering_history', 'stage_storage_usage_history', 'data_transfer_history'],
    },
    informationLeakFunctions,
  ],
  functionAllowList: snowflakeFunctionList,
};
