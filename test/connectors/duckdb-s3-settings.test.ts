import { describe, expect, it } from 'vitest';
import { duckDbS3SetupStatements, needsS3 } from '../../src/connectors/duckdb/duckdb-s3-settings.js';

describe('DuckDB httpfs settings for s3:// views', () => {
  it('is needed only for s3:// views or explicit S3 settings', () => {
    expect(needsS3({ views: { claims: '/data/claims/*.parquet' } })).toBe(false);
    expect(needsS3({ views: { claims: 's3://lake/claims/**/*.parquet' } })).toBe(true);
    expect(needsS3({ database: 'x.duckdb', s3: { region: 'eu-west-1' } })).toBe(true);
  });

  it('uses the AWS credential chain when no keys are configured', () => {
    expect(duckDbS3SetupStatements({ views: { claims: 's3://lake/claims/*.parquet' }, s3: { region: 'eu-west-1' } })).toEqual([
      'LOAD httpfs',
      'LOAD aws',
      "CREATE OR REPLACE TEMPORARY SECRET switchyard_s3 (TYPE S3, PROVIDER CREDENTIAL_CHAIN, REGION 'eu-west-1')",
    ]);
  });

  it('passes explicit keys and an S3-compatible endpoint, escaping quotes', () => {
    const statements = duckDbS3SetupStatements({
      views: { claims: 's3://lake/claims/*.parquet' },
      s3: { accessKeyId: 'AKIA', secretAccessKey: "se'cret", endpoint: 'minio:9000', urlStyle: 'path', useSsl: false },
    });
    expect(statements).toEqual([
      'LOAD httpfs',
      "CREATE OR REPLACE TEMPORARY SECRET switchyard_s3 (TYPE S3, KEY_ID 'AKIA', SECRET 'se''cret', ENDPOINT 'minio:9000', URL_STYLE 'path', USE_SSL false)",
    ]);
  });
});
