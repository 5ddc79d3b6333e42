import { informationLeakFunctions } from '../information-leak-functions.js';
import { quoteWithBackticks } from '../quote-identifier.js';
import type { SqlDialectProfile } from '../sql-dialect-profile.js';
import { mysqlFunctionList } from './mysql-function-list.js';

/**
 * MySQL / MariaDB / Aurora MySQL SQL: backtick identifiers, double-quoted strings, MySQL date functions.
 * node-sql-parser's MySQL grammar reserves words that MySQL and MariaDB accept as column names
 * (`virtual`, `rank`); its MariaDB grammar, whose string, identifier, comment and number rules are the
 * MySQL grammar's own (same generated lexical rules in node-sql-parser 5.4, bar a narrower set of
 * identifier characters), reads them. PostgreSQL's grammars are no fallback: double quotes delimit
 * strings here, not identifiers.
 */
export const mySqlDialect: SqlDialectProfile = {
  name: 'mysql',
  displayName: 'MySQL',
  promptNotesFile: 'mysql.md',
  quoteIdentifier: quoteWithBackticks,
  grammar: { parser: 'node-sql-parser', grammars: ['MySQL', 'MariaDB'], postgresFallback: false, maskIsNullTests: true },
  lexical: {
    executableComments: true,
    dashCommentNeedsSpace: true,
    backslashEscapes: 'session-mode',
    hashIsNotComment: false,
    dollarIsNotQuote: false,
    bracketIdentifiers: false,
  },
  // The connection's database.
  defaultSchema: undefined,
  systemRelations: {
    schemas: ['mysql', 'information_schema', 'performance_schema', 'sys'],
    prefixes: [],
    names: [],
    dollarMetadataTables: false,
  },
  builtInSchemas: [],
  deniedFunctions: [
    { rule: 'denied-file-access', why: 'reads server files', names: ['load_file'] },
    {
      rule: 'denied-function',
      why: 'sleeps, burns CPU, takes locks, waits on replication or runs shell commands',
      names: [
        'sleep', 'benchmark', 'get_lock', 'release_lock', 'release_all_locks', 'is_free_lock', 'is_used_lock',
        'master_pos_wait', 'source_pos_wait', 'master_gtid_wait', 'wait_for_executed_gtid_set',
        'wait_until_sql_thread_after_gtids', 'sys_exec', 'sys_eval', 'current_user', 'current_role',
        'last_insert_id', 'row_count', 'found_rows',
      ],
    },
    informationLeakFunctions,
  ],
  functionAllowList: mysqlFunctionList,
};
