import { Type, type Static } from 'typebox';

/** GET /health response (liveness). */
export const HealthResponseSchema = Type.Object({ status: Type.Literal('ok') }, { $id: 'Liveness' });

/** GET /ready response (readiness, per source). */
export const ReadyResponseSchema = Type.Object(
  {
    ready: Type.Boolean(),
    catalogVersion: Type.Union([Type.String(), Type.Null()]),
    llmConfigured: Type.Boolean(),
    llm: Type.Object(
      {
        status: Type.Union([Type.Literal('ok'), Type.Literal('model-unknown'), Type.Literal('unreachable'), Type.Literal('not-probed'), Type.Literal('not-configured')], {
          description: 'The model server as probed now without spending tokens (OpenAI-compatible GET /models); SageMaker and Bedrock are not probed.',
        }),
        provider: Type.Optional(Type.String()),
        model: Type.Optional(Type.String()),
        url: Type.Optional(Type.String({ description: 'Omitted when API keys are on.' })),
        detail: Type.Optional(Type.String({ description: 'Why the status is not ok, and what to do. Omitted when API keys are on.' })),
      },
      { $id: 'ModelServerProbe' },
    ),
    sources: Type.Array(
      Type.Object(
        { name: Type.String(), healthy: Type.Boolean(), error: Type.Optional(Type.String({ description: 'Omitted when API keys are on.' })) },
        { $id: 'SourceReadiness' },
      ),
    ),
  },
  { $id: 'Readiness' },
);

export type ReadyResponse = Static<typeof ReadyResponseSchema>;
