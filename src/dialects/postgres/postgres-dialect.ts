import { engineOwnLexer } from '../engine-own-lexer.js';
import { informationLeakFunctions } from '../information-leak-functions.js';
import { quoteWithDoubleQuotes } from '../quote-identifier.js';
import type { SqlDialectProfile } from '../sql-dialect-profile.js';
import { postgresFunctionList } from './postgres-function-list.js';

/** PostgreSQL SQL, read with PostgreSQL's own parser, so the guard sees exactly the engine's tokens. */
export const postgresDialect: SqlDialectProfile = {
  name: 'postgres',
  displayName: 'PostgreSQL',
  promptNotesFile: 'postgres.md',
  quoteIdentifier: quoteWithDoubleQuotes,
  grammar: { parser: 'libpg-query', label: 'PostgreSQL', limitWithTies: true },
  lexical: engineOwnLexer,
  defaultSchema: 'public',
  systemRelations: {
    schemas: ['pg_catalog', 'information_schema', 'pg_toast'],
    prefixes: ['pg_'],
    names: [],
    dollarMetadataTables: false,
  },
  builtInSchemas: ['pg_catalog'],
  deniedFunctions: [
    {
      rule: 'denied-file-access',
      why: 'reads or writes server files or large objects',
      names: ['loread', 'lowrite'],
      prefixes: ['lo_', 'pg_read', 'pg_ls_', 'pg_stat_file', 'pg_file_'],
    },
    {
      rule: 'denied-function',
      why: 'runs SQL from a string, reaches other servers, changes state, sleeps or locks',
      names: [
        'set_config', 'ts_rewrite', 'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml',
        'cursor_to_xmlschema', 'table_to_xml', 'table_to_xmlschema', 'table_to_xml_and_xmlschema', 'ts_stat',
        'crosstab', 'crosstab2', 'crosstab3', 'crosstab4', 'connectby', 'nextval', 'setval', 'currval', 'lastval',
        'txid_current', 'inet_server_addr', 'inet_server_port', 'inet_client_addr', 'inet_client_port',
        'obj_description', 'col_description', 'shobj_description', 'row_security_active', 'get_raw_page',
        'page_header', 'gin_clean_pending_list', 'sys_exec', 'sys_eval', 'slice_num',
      ],
      prefixes: [
        'pg_', 'dblink', 'schema_to_xml', 'database_to_xml', 'has_', 'to_reg', 'brin_', 'bt_', 'heap_page',
        'binary_upgrade_', 'http', 'txid_', 'aws_',
      ],
    },
    {
      rule: 'system-catalog',
      why: 'looks names up in the system catalog',
      names: ['regclass', 'regproc', 'regprocedure', 'regoper', 'regoperator', 'regtype', 'regnamespace', 'regrole',
        'regconfig', 'regdictionary', 'regcollation'],
    },
    informationLeakFunctions,
  ],
  functionAllowList: postgresFunctionList,
};
