import { informationLeakFunctions } from '../information-leak-functions.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';
import type { SqlDialectProfile } from '../sql-dialect-profile.js';
import { standardSqlLexer } from '../standard-sql-lexer.js';
import { sqliteFunctionList } from './sqlite-function-list.js';

/**
 * SQLite SQL (as run by sql.js): dynamic typing, dates as text, strftime for date parts. node-sql-parser's
 * SQLite grammar lacks INTERSECT/EXCEPT and `OVER (ORDER BY …)` without PARTITION BY, so PostgreSQL's
 * grammar reads those. SQLite never reads a backslash as an escape, reads `#name` as a parameter, has no
 * `$$` strings, and takes `[name]` as a quoted identifier.
 */
export const sqliteDialect: SqlDialectProfile = {
  name: 'sqlite',
  displayName: 'SQLite',
  promptNotesFile: 'sqlite.md',
  quoteIdentifier: quoteWithDoubleQuotes,
  grammar: { parser: 'node-sql-parser', grammars: ['Sqlite'], postgresFallback: true, maskIsNullTests: false },
  lexical: { ...standardSqlLexer, bracketIdentifiers: true },
  defaultSchema: 'main',
  systemRelations: {
    schemas: ['temp'],
    prefixes: ['sqlite_', 'pragma_'],
    names: ['dbstat'],
    dollarMetadataTables: false,
  },
  builtInSchemas: [],
  deniedFunctions: [
    {
      rule: 'denied-file-access',
      why: 'loads extensions or reads and writes files',
      names: ['load_extension', 'readfile', 'writefile', 'edit', 'fsdir', 'zipfile', 'zipfile_cds', 'sqlar_compress',
        'sqlar_uncompress', 'lsmode'],
    },
    {
      rule: 'denied-function',
      why: 'runs SQL from a string or exposes engine internals',
      names: ['eval', 'fts3_tokenizer', 'changes', 'total_changes', 'last_insert_rowid'],
    },
    { rule: 'system-catalog', why: 'reads engine metadata', prefixes: ['sqlite_', 'pragma_'], names: ['dbstat'] },
    informationLeakFunctions,
  ],
  functionAllowList: sqliteFunctionList,
};
