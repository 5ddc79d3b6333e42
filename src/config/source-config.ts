import { Type, type Static } from 'typebox';

/** Connection settings of an embedded DuckDB source: a database file and/or views over files. */
export const DuckDbConnectionSchema = Type.Object(
  {
    database: Type.Optional(Type.String({ description: 'Database file path, or ":memory:" (default).' })),
    views: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Table name → file path or glob (Parquet, CSV, JSON; local or s3://) exposed as a view.',
      }),
    ),
    threads: Type.Optional(Type.Integer({ minimum: 1, description: 'DuckDB worker threads.' })),
  },
  { additionalProperties: false },
);

/** Connection settings of a PostgreSQL, Redshift (wire protocol) or MySQL / Aurora MySQL source. */
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

/** One configured data source, as written in `catalog/sources.yaml`. */
export const SourceConfigSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,62}$' }),
    kind: Type.Union([
      Type.Literal('duckdb'),
      Type.Literal('postgres'),
      Type.Literal('redshift'),
      Type.Literal('mysql'),
      Type.Literal('aurora-mysql'),
    ]),
    description: Type.String({ minLength: 1 }),
    connection: Type.Union([DuckDbConnectionSchema, NetworkConnectionSchema]),
    maxRows: Type.Optional(Type.Integer({ minimum: 1 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100 })),
  },
  { additionalProperties: false },
);

/** The whole `catalog/sources.yaml` file. */
export const SourcesFileSchema = Type.Object(
  {
    demo: Type.Optional(Type.Boolean({ description: 'Generate the embedded demo data on first start.' })),
    sources: Type.Array(SourceConfigSchema),
  },
  { additionalProperties: false },
);

export type DuckDbConnection = Static<typeof DuckDbConnectionSchema>;
export type NetworkConnection = Static<typeof NetworkConnectionSchema>;
export type SourceConfig = Static<typeof SourceConfigSchema>;
export type SourcesFile = Static<typeof SourcesFileSchema>;
