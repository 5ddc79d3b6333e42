import { SwitchyardError } from '../errors/switchyard-error.js';
import { athenaDialect } from './athena/athena-dialect.js';
import { duckDbDialect } from './duckdb/duckdb-dialect.js';
import { mySqlDialect } from './mysql/mysql-dialect.js';
import { postgresDialect } from './postgres/postgres-dialect.js';
import { redshiftDialect } from './redshift/redshift-dialect.js';
import { snowflakeDialect } from './snowflake/snowflake-dialect.js';
import type { SqlDialectProfile } from './sql-dialect-profile.js';
import type { SourceDialectName, SqlDialect, SqlDialectName } from './sql-dialect.js';
import { sqliteDialect } from './sqlite/sqlite-dialect.js';
import { trinoDialect } from './trino/trino-dialect.js';

/** Every SQL dialect by name; a Record, so a name added to SqlDialectName cannot go without its profile. */
const sqlDialects: Readonly<Record<SqlDialectName, SqlDialectProfile>> = {
  postgres: postgresDialect,
  redshift: redshiftDialect,
  mysql: mySqlDialect,
  athena: athenaDialect,
  trino: trinoDialect,
  snowflake: snowflakeDialect,
  duckdb: duckDbDialect,
  sqlite: sqliteDialect,
};

const sqlProfiles: ReadonlyMap<string, SqlDialectProfile> = new Map(Object.entries(sqlDialects));

function unsupported(name: string): SwitchyardError {
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SQL dialect "${name}" is not supported`, {
    details: { dialect: name, supported: [...sqlProfiles.keys()] },
  });
}

/** The dialect with this name; SWY_ERR_CONFIG_INVALID when no dialect of that name is implemented. */
export function getDialect(name: SqlDialectName): SqlDialect {
  return getSqlDialectProfile(name);
}

/** The full profile of a SQL dialect, every guard fact included; SWY_ERR_CONFIG_INVALID for an unknown name. */
export function getSqlDialectProfile(name: SqlDialectName): SqlDialectProfile {
  const profile = sqlProfiles.get(name);
  if (profile === undefined) throw unsupported(String(name));
  return profile;
}

/** Narrows a source's language to a SQL dialect; SWY_ERR_INTERNAL when a non-SQL source reaches SQL code. */
export function requireSqlDialect(name: SourceDialectName): SqlDialectName {
  if (name === 'openapi') throw new SwitchyardError('SWY_ERR_INTERNAL', 'A REST source has no SQL dialect');
  return name;
}
