import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SourceDialectName, SqlDialect, SqlDialectName } from './sql-dialect.js';
import { duckDbDialect } from './duckdb-dialect.js';
import { postgresDialect } from './postgres-dialect.js';
import { redshiftDialect } from './redshift-dialect.js';
import { mySqlDialect } from './mysql-dialect.js';
import { athenaDialect } from './athena-dialect.js';
import { snowflakeDialect } from './snowflake-dialect.js';
import { sqliteDialect } from './sqlite-dialect.js';

const dialects: ReadonlyMap<string, SqlDialect> = new Map(
  [duckDbDialect, postgresDialect, redshiftDialect, mySqlDialect, athenaDialect, snowflakeDialect, sqliteDialect].map((dialect) => [dialect.name, dialect]),
);

/** The dialect with this name; SWY_ERR_CONFIG_INVALID when no dialect of that name is implemented. */
export function getDialect(name: SqlDialectName): SqlDialect {
  const dialect = dialects.get(name);
  if (dialect === undefined) {
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SQL dialect "${String(name)}" is not supported`, {
      details: { dialect: String(name), supported: [...dialects.keys()] },
    });
  }
  return dialect;
}

/** Narrows a source's language to a SQL dialect; SWY_ERR_INTERNAL when a non-SQL source reaches SQL code. */
export function requireSqlDialect(name: SourceDialectName): SqlDialectName {
  if (name === 'openapi') throw new SwitchyardError('SWY_ERR_INTERNAL', 'A REST source has no SQL dialect');
  return name;
}
