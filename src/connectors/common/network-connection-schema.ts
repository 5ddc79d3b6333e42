import { Type, type Static } from 'typebox';

/** Connection settings of a server reached over its wire protocol: PostgreSQL, Redshift, MySQL / Aurora MySQL / MariaDB. */
export const NetworkConnectionSchema = Type.Object(
  {
    host: Type.Optional(Type.String()),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
    user: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    database: Type.Optional(Type.String()),
    schema: Type.Optional(Type.String({ description: 'Schema whose tables are exposed (PostgreSQL/Redshift).' })),
    connectionString: Type.Optional(Type.String()),
    ssl: Type.Optional(Type.Boolean()),
    poolMax: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    connectTimeoutMs: Type.Optional(Type.Integer({ minimum: 100 })),
  },
  { additionalProperties: false },
);

/** Settings of a wire-protocol source, as read from the sources file. */
export type NetworkConnection = Static<typeof NetworkConnectionSchema>;
