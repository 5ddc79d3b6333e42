import { Type, type Static } from 'typebox';

/** A curated overlay for one source: descriptions, few-shot examples and hidden tables. */
export const OverlayFileSchema = Type.Object(
  {
    source: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    tables: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object(
          {
            description: Type.Optional(Type.String()),
            hidden: Type.Optional(Type.Boolean()),
            columns: Type.Optional(Type.Record(Type.String(), Type.String())),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    examples: Type.Optional(
      Type.Array(
        Type.Object({ question: Type.String({ minLength: 1 }), sql: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

export type OverlayFile = Static<typeof OverlayFileSchema>;
