import { Type } from 'typebox';

/**
 * Connection settings every asynchronous-statement AWS kind (Athena, Redshift Data API) accepts:
 * capped exponential backoff of status polls, and where the service is.
 */
export const awsStatementConnectionProperties = {
  pollIntervalMs: Type.Optional(Type.Integer({ minimum: 1, description: 'First wait between status polls (default 200).' })),
  maxPollIntervalMs: Type.Optional(Type.Integer({ minimum: 1, description: 'Longest wait between status polls (default 2000).' })),
  region: Type.Optional(Type.String({ description: 'AWS region; default from the AWS environment.' })),
  endpoint: Type.Optional(Type.String({ description: 'Service endpoint override (VPC endpoint, local emulator).' })),
};
