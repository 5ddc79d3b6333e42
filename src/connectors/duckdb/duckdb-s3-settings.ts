import { quoteStringLiteral } from '../../dialects/quote-string-literal.js';
import type { DuckDbConnection } from './duckdb-connection-schema.js';

/** True when the source reads s3:// paths or configures S3 explicitly, so httpfs must be set up. */
export function needsS3(connection: DuckDbConnection): boolean {
  return connection.s3 !== undefined || Object.values(connection.views ?? {}).some((location) => /^s3a?:\/\//i.test(location));
}

/**
 * The statements that let DuckDB's httpfs read s3:// paths: load the extension and create an
 * instance-scoped (temporary) S3 secret. Without explicit keys the secret uses the AWS credential
 * chain (environment, profile, instance role). The statements hold credentials: run them, never log them.
 */
export function duckDbS3SetupStatements(connection: DuckDbConnection): string[] {
  const settings = connection.s3 ?? {};
  const options = ['TYPE S3'];
  if (settings.accessKeyId !== undefined && settings.secretAccessKey !== undefined) {
    options.push(`KEY_ID ${quoteStringLiteral(settings.accessKeyId)}`, `SECRET ${quoteStringLiteral(settings.secretAccessKey)}`);
    if (settings.sessionToken !== undefined) options.push(`SESSION_TOKEN ${quoteStringLiteral(settings.sessionToken)}`);
  } else {
    options.push('PROVIDER CREDENTIAL_CHAIN');
  }
  if (settings.region !== undefined) options.push(`REGION ${quoteStringLiteral(settings.region)}`);
  if (settings.endpoint !== undefined) options.push(`ENDPOINT ${quoteStringLiteral(settings.endpoint)}`);
  if (settings.urlStyle !== undefined) options.push(`URL_STYLE ${quoteStringLiteral(settings.urlStyle)}`);
  if (settings.useSsl !== undefined) options.push(`USE_SSL ${settings.useSsl ? 'true' : 'false'}`);
  const statements = ['LOAD httpfs'];
  // The credential chain provider lives in the aws extension.
  if (options.includes('PROVIDER CREDENTIAL_CHAIN')) statements.push('LOAD aws');
  statements.push(`CREATE OR REPLACE TEMPORARY SECRET switchyard_s3 (${options.join(', ')})`);
  return statements;
}
