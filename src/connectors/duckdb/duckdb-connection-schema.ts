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

/** Settings of a DuckDB source, as read from the sources file. */
export type DuckDbConnection = Static<typeof DuckDbConnectionSchema>;
