import { Type, type Static } from 'typebox';

/** One source in GET /catalog/status. */
const SourceLoadStatusSchema = Type.Object(
  {
    name: Type.String(),
    origin: Type.String({ description: 'Where the metadata comes from: introspection or glue.' }),
    healthy: Type.Boolean({ description: 'False when the last load failed; the last good metadata is still served.' }),
    loadedAt: Type.Union([Type.String(), Type.Null()], { description: 'When the metadata was last loaded successfully.' }),
    tables: Type.Integer(),
    error: Type.Union([Type.String(), Type.Null()]),
    nextLoadAttemptAt: Type.Optional(
      Type.String({ description: 'When an unavailable source is next loaded again (retried with backoff until it loads); absent when none is pending.' }),
    ),
  },
  { $id: 'SourceLoadStatus' },
);

/** GET /catalog/status and POST /admin/catalog/refresh response. */
export const CatalogStatusResponseSchema = Type.Object(
  {
    version: Type.Union([Type.String(), Type.Null()], { description: 'Content hash of the served snapshot.' }),
    builtAt: Type.Union([Type.String(), Type.Null()]),
    refreshing: Type.Boolean(),
    lastRefresh: Type.Optional(
      Type.Object({
        startedAt: Type.String(),
        finishedAt: Type.Optional(Type.String()),
        error: Type.Optional(Type.String()),
        warnings: Type.Optional(Type.Array(Type.String(), { description: 'What the overlays name that the catalog does not hold (an unknown source, table or column).' })),
      }),
    ),
    refreshIntervalSeconds: Type.Integer({ description: '0 when scheduled refresh is off.' }),
    sources: Type.Array(SourceLoadStatusSchema),
  },
  { $id: 'CatalogStatus' },
);

export type CatalogStatusResponse = Static<typeof CatalogStatusResponseSchema>;
