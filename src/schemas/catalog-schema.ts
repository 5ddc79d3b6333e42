import { Type, type Static } from 'typebox';

const ColumnSchema = Type.Object(
  {
    name: Type.String(),
    type: Type.String(),
    nullable: Type.Boolean(),
    description: Type.Optional(Type.String()),
    sampleValues: Type.Optional(Type.Array(Type.String())),
    pii: Type.Optional(Type.Boolean({ description: 'Personal data: never sampled or shown to the model, and SQL reading it is refused.' })),
  },
  { $id: 'CatalogColumn' },
);

/** A table as GET /catalog shows it: columns with types, descriptions and sample values (none for PII). */
export const TableSchema = Type.Object(
  {
    name: Type.String(),
    description: Type.Optional(Type.String()),
    columns: Type.Array(ColumnSchema),
  },
  { $id: 'CatalogTable' },
);

const StatusSchema = Type.Object(
  {
    healthy: Type.Boolean(),
    loadedAt: Type.Optional(Type.String()),
    error: Type.Optional(Type.String({ description: 'Why the last load failed.' })),
  },
  { $id: 'SourceStatus' },
);

/** One source in GET /sources. */
export const SourceSummarySchema = Type.Object(
  {
    name: Type.String(),
    kind: Type.String(),
    dialect: Type.String(),
    description: Type.String(),
    tableCount: Type.Integer(),
    status: StatusSchema,
  },
  { $id: 'SourceSummary' },
);

/** GET /sources response. */
export const SourcesResponseSchema = Type.Object({ sources: Type.Array(SourceSummarySchema) }, { $id: 'SourcesResponse' });

/** One source in GET /catalog, with its tables. */
const CatalogSourceSchema = Type.Object(
  {
    name: Type.String(),
    kind: Type.String(),
    dialect: Type.String(),
    description: Type.String(),
    status: StatusSchema,
    tables: Type.Array(TableSchema),
    exampleQuestions: Type.Array(Type.String()),
  },
  { $id: 'CatalogSource' },
);

const ColumnReferenceSchema = Type.Object(
  {
    source: Type.String(),
    table: Type.String(),
    column: Type.String(),
  },
  // Unnamed: a schema may hold a named one only once, and a relationship holds two column references.
  { description: 'A column of one source.' },
);

/** A join key between two sources, declared in an overlay or suggested by the catalog. */
const RelationshipSchema = Type.Object(
  {
    from: ColumnReferenceSchema,
    to: ColumnReferenceSchema,
    origin: Type.Union([Type.Literal('declared'), Type.Literal('suggested')], {
      description: '`declared` in an overlay, or `suggested` from matching names, compatible types and sampled values of `from` found in `to`.',
    }),
    description: Type.Optional(Type.String()),
    evidence: Type.Optional(
      Type.Object(
        {
          nameMatch: Type.Union([Type.Literal('same-name'), Type.Literal('suffix'), Type.Literal('table-qualified')]),
          containment: Type.Number({ description: 'Share of the sampled `from` values found in `to`, 0 to 1.' }),
          sampledValues: Type.Integer({ description: 'Distinct `from` values sampled.' }),
        },
        { $id: 'RelationshipEvidence', description: 'What a suggestion rests on.' },
      ),
    ),
  },
  { $id: 'CatalogRelationship', description: 'A join key between two sources: `from` holds values of `to` (many claims → one employee).' },
);

/** GET /catalog response: sources → tables → columns, and the relationships between sources. */
export const CatalogResponseSchema = Type.Object(
  {
    version: Type.String(),
    builtAt: Type.String(),
    sources: Type.Array(CatalogSourceSchema),
    relationships: Type.Array(RelationshipSchema, { description: 'Join keys between sources; only those whose two sources the key may read.' }),
    crossSourceQuestions: Type.Array(
      Type.Object({ question: Type.String(), sources: Type.Array(Type.String()) }, { description: 'A curated question only several sources answer together.' }),
      { description: 'Example questions answered across sources (a federated answer); only those whose sources the key may all read.' },
    ),
  },
  { $id: 'CatalogResponse' },
);

export type SourcesResponse = Static<typeof SourcesResponseSchema>;
export type CatalogResponse = Static<typeof CatalogResponseSchema>;
