import { Type, type Static } from 'typebox';

/** Snowflake through snowflake-sdk. Give `password` or `privateKeyPath` (key-pair auth), normally via ${ENV}. */
export const SnowflakeConnectionSchema = Type.Object(
  {
    account: Type.String(),
    username: Type.String(),
    password: Type.Optional(Type.String()),
    privateKeyPath: Type.Optional(Type.String({ description: 'PEM private key file for key-pair (JWT) authentication.' })),
    privateKeyPassphrase: Type.Optional(Type.String()),
    warehouse: Type.Optional(Type.String()),
    role: Type.Optional(Type.String()),
    database: Type.String(),
    schema: Type.Optional(Type.String({ description: 'Schema whose tables are exposed (default PUBLIC).' })),
    accessUrl: Type.Optional(Type.String({ description: 'Override of https://<account>.snowflakecomputing.com (private link, local emulator).' })),
    poolMax: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    connectTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, description: 'How long to wait for a session (default 10000).' })),
  },
  { additionalProperties: false },
);

/** Settings of a Snowflake source, as read from the sources file. */
export type SnowflakeConnection = Static<typeof SnowflakeConnectionSchema>;
