import { describe, expect, it } from 'vitest';
import { duckDbSandboxAccess, duckDbSandboxStatements } from '../../src/connectors/duckdb/duckdb-sandbox-settings.js';

describe('what a sandboxed DuckDB source may still touch', () => {
  it('allows exact files for the database, the views file and single-file views, and only the fixed directory of a glob', () => {
    const access = duckDbSandboxAccess({
      database: '/data/demo/sales.duckdb',
      viewsFile: '/tmp/switchyard-duckdb-x/swy_views.duckdb',
      viewLocations: ['/data/demo/legal/claims/**/*.parquet', '/data/cities.csv', 's3://lake/claims/year=*/part-?.parquet', 's3://lake/one.parquet'],
    });
    expect(access).toEqual({
      allowedPaths: ['/data/demo/sales.duckdb', '/tmp/switchyard-duckdb-x/swy_views.duckdb', '/data/cities.csv', 's3://lake/one.parquet'],
      allowedDirectories: ['/data/demo/legal/claims/', 's3://lake/claims/'],
    });
  });

  it('turns external access off only after allowing the source its files, and locks the configuration last', () => {
    const statements = duckDbSandboxStatements({ allowedPaths: ["/data/o'brien.duckdb"], allowedDirectories: [] });
    expect(statements).toEqual([
      "SET GLOBAL allowed_paths = ['/data/o''brien.duckdb']",
      'SET GLOBAL enable_external_access = false',
      'SET GLOBAL lock_configuration = true',
    ]);
  });
});
