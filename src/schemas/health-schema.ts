import { Type, type Static } from 'typebox';

/** GET /health response (liveness). */
export const HealthResponseSchema = Type.Object({ status: Type.Literal('ok') }, { title: 'HealthResponse' });

/** GET /ready response (readiness, per source). */
export const ReadyResponseSchema = Type.Object(
  {
    ready: Type.Boolean(),
    catalogVersion: Type.Union([Type.String(), Type.Null()]),
    llmConfigured: Type.Boolean(),
    sources: Type.Array(Type.Object({ name: Type.String(), healthy: Type.Boolean(), error: Type.Optional(Type.String()) })),
  },
  { title: 'ReadyResponse' },
);

export type ReadyResponse = Static<typeof ReadyResponseSchema>;
