import { informationLeakFunctions } from '../information-leak-functions.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';
import type { SqlDialectProfile } from '../sql-dialect-profile.js';
import { standardSqlLexer } from '../standard-sql-lexer.js';
import { athenaFunctionList } from './athena-function-list.js';

/**
 * Amazon Athena (engine v3) SQL, which is Trino SQL: double-quoted identifiers, `date_add`,
 * `date_trunc`, `approx_distinct`, no `ILIKE`; the differences live in the prompt notes.
 * node-sql-parser's Athena and Trino grammars lack INTERSECT/EXCEPT and the Trino one refuses scalar
 * subqueries and EXISTS, so PostgreSQL's grammar reads those. Trino never reads a backslash as an
 * escape, `#` as a comment or `$$` as a string, all of which the grammars may.
 */
export const athenaDialect: SqlDialectProfile = {
  name: 'athena',
  displayName: 'Amazon Athena (Trino SQL)',
  promptNotesFile: 'athena.md',
  quoteIdentifier: quoteWithDoubleQuotes,
  grammar: { parser: 'node-sql-parser', grammars: ['Athena', 'Trino'], postgresFallback: true, maskIsNullTests: false },
  lexical: standardSqlLexer,
  defaultSchema: 'default',
  systemRelations: {
    schemas: ['system', 'information_schema'],
    prefixes: [],
    names: [],
    dollarMetadataTables: true,
  },
  builtInSchemas: [],
  deniedFunctions: [
    {
      rule: 'denied-function',
      why: 'passes SQL through to another engine or exposes the session',
      names: ['query', 'raw_query', 'current_user', 'current_groups', 'current_catalog', 'current_schema'],
    },
    informationLeakFunctions,
  ],
  functionAllowList: athenaFunctionList,
};
