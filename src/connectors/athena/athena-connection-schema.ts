import { Type, type Static } from 'typebox';
import { awsStatementConnectionProperties } from '../common/aws-statement-connection-properties.js';

/** Amazon Athena: StartQueryExecution in a workgroup over a Glue catalog database. Credentials come from the AWS chain. */
export const AthenaConnectionSchema = Type.Object(
  {
    database: Type.String({ description: 'Glue / Athena database whose tables are exposed.' }),
    catalog: Type.Optional(Type.String({ description: 'Data catalog (default AwsDataCatalog).' })),
    workGroup: Type.Optional(Type.String({ description: 'Workgroup (default primary).' })),
    outputLocation: Type.Optional(Type.String({ description: 's3:// results location, unless the workgroup enforces one.' })),
    ...awsStatementConnectionProperties,
  },
  { additionalProperties: false },
);

/** Settings of an Athena source, as read from the sources file. */
export type AthenaConnection = Static<typeof AthenaConnectionSchema>;
