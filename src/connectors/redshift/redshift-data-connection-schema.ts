import { Type, type Static } from 'typebox';
import { awsStatementConnectionProperties } from '../common/aws-statement-connection-properties.js';

/**
 * Amazon Redshift through the Redshift Data API (HTTPS, no network path to the cluster). `mode:
 * data-api` tells it apart from the wire-protocol form of the `redshift` kind.
 */
export const RedshiftDataConnectionSchema = Type.Object(
  {
    mode: Type.Literal('data-api'),
    database: Type.String(),
    clusterIdentifier: Type.Optional(Type.String({ description: 'Provisioned cluster; or use workgroupName.' })),
    workgroupName: Type.Optional(Type.String({ description: 'Redshift Serverless workgroup; or use clusterIdentifier.' })),
    dbUser: Type.Optional(Type.String({ description: 'Database user for temporary IAM credentials (provisioned clusters).' })),
    secretArn: Type.Optional(Type.String({ description: 'Secrets Manager secret holding the database credentials.' })),
    schema: Type.Optional(Type.String({ description: 'Schema whose tables are exposed (default public).' })),
    ...awsStatementConnectionProperties,
  },
  { additionalProperties: false },
);

/** Settings of a Redshift source reached through the Data API, as read from the sources file. */
export type RedshiftDataConnection = Static<typeof RedshiftDataConnectionSchema>;
