import { Type, type Static, type TSchema } from 'typebox';

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
    s3: Type.Optional(
      Type.Object(
        {
          region: Type.Optional(Type.String()),
          endpoint: Type.Optional(Type.String({ description: 'host[:port] of an S3-compatible endpoint (MinIO, LocalStack).' })),
          urlStyle: Type.Optional(Type.Union([Type.Literal('vhost'), Type.Literal('path')])),
          useSsl: Type.Optional(Type.Boolean()),
          accessKeyId: Type.Optional(Type.String()),
          secretAccessKey: Type.Optional(Type.String()),
          sessionToken: Type.Optional(Type.String()),
        },
        { additionalProperties: false, description: 'httpfs settings for s3:// views; without keys the AWS credential chain is used.' },
      ),
    ),
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

/** Polling of asynchronous engines (Athena, Redshift Data API): capped exponential backoff. */
const pollingProperties = {
  pollIntervalMs: Type.Optional(Type.Integer({ minimum: 1, description: 'First wait between status polls (default 200).' })),
  maxPollIntervalMs: Type.Optional(Type.Integer({ minimum: 1, description: 'Longest wait between status polls (default 2000).' })),
  region: Type.Optional(Type.String({ description: 'AWS region; default from the AWS environment.' })),
  endpoint: Type.Optional(Type.String({ description: 'Service endpoint override (VPC endpoint, local emulator).' })),
};

/** Amazon Athena: StartQueryExecution in a workgroup over a Glue catalog database. Credentials come from the AWS chain. */
export const AthenaConnectionSchema = Type.Object(
  {
    database: Type.String({ description: 'Glue / Athena database whose tables are exposed.' }),
    catalog: Type.Optional(Type.String({ description: 'Data catalog (default AwsDataCatalog).' })),
    workGroup: Type.Optional(Type.String({ description: 'Workgroup (default primary).' })),
    outputLocation: Type.Optional(Type.String({ description: 's3:// results location, unless the workgroup enforces one.' })),
    ...pollingProperties,
  },
  { additionalProperties: false },
);

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
    ...pollingProperties,
  },
  { additionalProperties: false },
);

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

/**
 * A REST API described by an OpenAPI 3 document. Only its GET operations are offered, and requests
 * go only to `baseUrl` (or the document's first server); header values normally come from ${ENV}.
 */
export const RestConnectionSchema = Type.Object(
  {
    document: Type.String({ minLength: 1, description: 'OpenAPI 3 document: an http(s) URL or a file path (YAML or JSON).' }),
    baseUrl: Type.Optional(Type.String({ description: 'Server URL requests go to; default the document\'s first `servers` entry.' })),
    headers: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Headers sent with every request, e.g. Authorization: "Bearer ${API_TOKEN}"; never logged.' }),
    ),
    maxResponseBytes: Type.Optional(Type.Integer({ minimum: 1024, description: 'Largest response body read (default 10 MB).' })),
  },
  { additionalProperties: false },
);

/**
 * A SQLite database file, read through sql.js: the whole file is loaded into memory when the source
 * opens (fine for benchmark databases and extracts, not for multi-gigabyte files).
 */
export const SqliteConnectionSchema = Type.Object(
  {
    database: Type.String({ minLength: 1, description: 'SQLite database file path; read whole into memory, never written.' }),
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
      Type.Literal('athena'),
      Type.Literal('snowflake'),
      Type.Literal('rest'),
      Type.Literal('sqlite'),
    ]),
    description: Type.String({ minLength: 1 }),
    connection: Type.Union([
      DuckDbConnectionSchema,
      NetworkConnectionSchema,
      AthenaConnectionSchema,
      RedshiftDataConnectionSchema,
      SnowflakeConnectionSchema,
      RestConnectionSchema,
      SqliteConnectionSchema,
    ]),
    maxRows: Type.Optional(Type.Integer({ minimum: 1 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100 })),
  },
  { additionalProperties: false },
);

/**
 * The connection settings each kind accepts. `SourceConfigSchema` checks `connection` against the
 * union of every kind's settings, which alone would let a `postgres` source carry DuckDB views or an
 * `athena` source lack its database; the sources file reader checks each source against its own kind.
 */
export const connectionSchemaByKind = {
  duckdb: DuckDbConnectionSchema,
  postgres: NetworkConnectionSchema,
  redshift: Type.Union([NetworkConnectionSchema, RedshiftDataConnectionSchema]),
  mysql: NetworkConnectionSchema,
  'aurora-mysql': NetworkConnectionSchema,
  athena: AthenaConnectionSchema,
  snowflake: SnowflakeConnectionSchema,
  rest: RestConnectionSchema,
  sqlite: SqliteConnectionSchema,
} as const satisfies Record<SourceConfig['kind'], TSchema>;

/** The AWS Glue Data Catalog as a metadata source: which Glue database describes which source. */
export const GlueCatalogSchema = Type.Object(
  {
    region: Type.Optional(Type.String({ description: 'AWS region; default from the AWS environment.' })),
    endpoint: Type.Optional(Type.String({ description: 'Glue endpoint override (VPC endpoint, local emulator).' })),
    catalogId: Type.Optional(Type.String({ description: 'Account id of the Data Catalog (default: the caller\'s).' })),
    databases: Type.Array(
      Type.Object(
        {
          database: Type.String({ minLength: 1, description: 'Glue database name.' }),
          source: Type.String({ minLength: 1, description: 'Source (from `sources:`) whose tables it describes.' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The whole `catalog/sources.yaml` file. */
export const SourcesFileSchema = Type.Object(
  {
    demo: Type.Optional(Type.Boolean({ description: 'Generate the embedded demo data on first start.' })),
    sources: Type.Array(SourceConfigSchema),
    glue: Type.Optional(GlueCatalogSchema),
  },
  { additionalProperties: false },
);

export type DuckDbConnection = Static<typeof DuckDbConnectionSchema>;
export type NetworkConnection = Static<typeof NetworkConnectionSchema>;
export type AthenaConnection = Static<typeof AthenaConnectionSchema>;
export type RedshiftDataConnection = Static<typeof RedshiftDataConnectionSchema>;
export type SnowflakeConnection = Static<typeof SnowflakeConnectionSchema>;
export type RestConnection = Static<typeof RestConnectionSchema>;
export type SqliteConnection = Static<typeof SqliteConnectionSchema>;
export type SourceConfig = Static<typeof SourceConfigSchema>;
export type SourcesFile = Static<typeof SourcesFileSchema>;
export type GlueCatalogConfig = Static<typeof GlueCatalogSchema>;
