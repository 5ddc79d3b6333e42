import { IsUnion, Type, type Static, type TLiteral, type TSchema, type TUnion } from 'typebox';
import { connectorModules, type ConnectorKind } from '../connectors/connector-registry.js';

// TypeBox reads a union's static type from a tuple of members; these members come from a list, so
// their type is spelled as a one-member tuple holding the union of the members' types.
/** The `kind` literals, as TypeBox types them. */
type KindUnion = TUnion<[TLiteral<ConnectorKind>]>;
/** Every kind's connection schema, as TypeBox types them. */
type ConnectionUnion = TUnion<[(typeof connectorModules)[number]['connectionSchema']]>;

/**
 * Every kind's connection settings, each schema once (several kinds share the wire-protocol
 * settings) and a kind's alternative forms (Redshift's wire protocol or Data API) as members of
 * their own, so the union reads as a flat list of setting shapes.
 */
function distinctConnectionSchemas(): TSchema[] {
  const schemas: TSchema[] = [];
  for (const { connectionSchema } of connectorModules) {
    for (const schema of IsUnion(connectionSchema) ? connectionSchema.anyOf : [connectionSchema]) {
      if (!schemas.includes(schema)) schemas.push(schema);
    }
  }
  return schemas;
}

/** One configured data source, as written in `catalog/sources.yaml`; the kinds and their settings come from the connector registry. */
export const SourceConfigSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,62}$' }),
    kind: Type.Union(connectorModules.map((module) => Type.Literal(module.kind))) as KindUnion,
    description: Type.String({ minLength: 1 }),
    connection: Type.Union(distinctConnectionSchemas()) as ConnectionUnion,
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
export const connectionSchemaByKind = Object.fromEntries(
  connectorModules.map((module): [ConnectorKind, TSchema] => [module.kind, module.connectionSchema]),
) as Record<ConnectorKind, TSchema>;

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

export type SourceConfig = Static<typeof SourceConfigSchema>;
export type SourcesFile = Static<typeof SourcesFileSchema>;
export type GlueCatalogConfig = Static<typeof GlueCatalogSchema>;
