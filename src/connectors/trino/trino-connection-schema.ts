import { Type, type Static } from 'typebox';

/** A Trino catalog and schema, `catalog.schema`, as Trino spells them unquoted. */
const catalogSchemaPattern = '^[^."\\s]+\\.[^."\\s]+$';

/**
 * Trino (or Starburst) through its REST client protocol. `catalog` and `schema` are the session's, so
 * unqualified table names resolve there; `federates` names the other configured sources whose tables
 * Trino reaches through its own catalogs.
 */
export const TrinoConnectionSchema = Type.Object(
  {
    server: Type.String({ pattern: '^https?://', description: 'Coordinator URL, e.g. https://trino.internal:8443 (http:// only without a password).' }),
    user: Type.String({ minLength: 1, description: 'Trino user the queries run as; give it SELECT access only.' }),
    password: Type.Optional(Type.String({ description: 'Password (HTTP basic authentication), normally ${ENV}; https:// servers only.' })),
    catalog: Type.String({ minLength: 1, description: 'Catalog of the session, whose `schema` holds the source\'s own tables.' }),
    schema: Type.String({ minLength: 1, description: 'Schema whose tables are the source\'s own (unqualified names).' }),
    federates: Type.Optional(
      Type.Record(Type.String({ minLength: 1 }), Type.String({ pattern: catalogSchemaPattern }), {
        description: 'Configured source name → the Trino `catalog.schema` where that source\'s tables are visible, e.g. { sales: redshift.public }.',
      }),
    ),
    readOnlyTransaction: Type.Optional(
      Type.Boolean({
        description: 'Run each query in START TRANSACTION READ ONLY (default true); false only behind a gateway that may route the statements of one transaction to different clusters.',
      }),
    ),
    sessionProperties: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.]*$' }), Type.String(), {
        additionalProperties: false,
        description: 'Session properties sent with every query, e.g. { query_max_memory: 2GB }.',
      }),
    ),
    clientTags: Type.Optional(Type.Array(Type.String({ pattern: '^[^,]+$' }), { description: 'X-Trino-Client-Tags, for resource group selection.' })),
    connectTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, description: 'How long one request to the coordinator may wait for its answer (default 10000).' })),
  },
  { additionalProperties: false },
);

/** Settings of a Trino source, as read from the sources file. */
export type TrinoConnection = Static<typeof TrinoConnectionSchema>;
