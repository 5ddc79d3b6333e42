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

const TableSchema = Type.Object(
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

/** GET /catalog response: sources → tables → columns. */
export const CatalogResponseSchema = Type.Object(
  {
    version: Type.String(),
    builtAt: Type.String(),
    sources: Type.Array(CatalogSourceSchema),
  },
  { $id: 'CatalogResponse' },
);

export type SourcesResponse = Static<typeof SourcesResponseSchema>;
export type CatalogResponse = Static<typeof CatalogResponseSchema>;
