import { Type, type Static } from 'typebox';

/** A curated column: a plain description, or description plus value meanings and a PII flag. */
const OverlayColumnSchema = Type.Union([
  Type.String(),
  Type.Object(
    {
      description: Type.Optional(Type.String()),
      values: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Coded value → meaning, e.g. "1": fraudulent.' })),
      pii: Type.Optional(Type.Boolean({ description: 'Personal data: never sampled, never shown in prompts.' })),
    },
    { additionalProperties: false },
  ),
]);

/** A column of any source, written `source.table.column`. */
const ColumnPathSchema = Type.String({ minLength: 1, description: 'A column written source.table.column, e.g. hr.employees.emp_no.' });

/**
 * A curated overlay for one source: descriptions, synonyms, business glossary, column value
 * meanings, PII columns, few-shot examples, hidden tables, functions allowed for this source and its
 * relationships to other sources.
 */
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
            synonyms: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
            pii: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Columns holding personal data.' })),
            columns: Type.Optional(Type.Record(Type.String(), OverlayColumnSchema)),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    glossary: Type.Optional(
      Type.Array(
        Type.Object(
          {
            term: Type.String({ minLength: 1 }),
            definition: Type.String({ minLength: 1 }),
            tables: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
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
    functions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, description: 'Function name, schema-qualified as queries must call it (e.g. analytics.fiscal_quarter).' }),
            reason: Type.String({ minLength: 1, description: 'Why this function is safe to call: it reads no other relation, changes nothing and runs no SQL text.' }),
          },
          { additionalProperties: false },
        ),
        { description: "Functions this source's queries may call beyond the dialect's vetted list, each with a reason." },
      ),
    ),
    crossSourceExamples: Type.Optional(
      Type.Array(
        Type.Object(
          {
            question: Type.String({ minLength: 1 }),
            sources: Type.Array(Type.String({ minLength: 1 }), { minItems: 2, description: 'The sources the answer needs, this one among them.' }),
            sql: Type.String({ minLength: 1, description: 'DuckDB SQL over source-qualified names, e.g. legal.claims JOIN hr.employees.' }),
          },
          { additionalProperties: false },
        ),
        { description: 'Questions only two or more sources answer together, with the federated SQL that answers them; never a single-source few-shot.' },
      ),
    ),
    relationships: Type.Optional(
      Type.Array(
        Type.Object(
          {
            from: ColumnPathSchema,
            to: ColumnPathSchema,
            description: Type.Optional(Type.String({ minLength: 1, description: 'What the relationship means, e.g. the adjuster handling the claim.' })),
          },
          { additionalProperties: false },
        ),
        { description: 'Join keys between this source and another: `from` holds values of `to`; one end is in this source.' },
      ),
    ),
  },
  { additionalProperties: false },
);

export type OverlayFile = Static<typeof OverlayFileSchema>;
export type OverlayColumn = Static<typeof OverlayColumnSchema>;
