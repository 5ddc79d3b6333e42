import { Type, type Static } from 'typebox';

/** Hard cap on question size accepted by the HTTP layer; the configurable limit is checked after parsing. */
export const questionHardLimit = 100_000;

/** POST /query request body. */
export const QueryRequestSchema = Type.Object(
  {
    question: Type.String({ maxLength: questionHardLimit, description: 'The question, in plain English.' }),
    source: Type.Optional(Type.String({ description: 'Source to query; when given, routing is skipped.' })),
    maxRows: Type.Optional(Type.Integer({ minimum: 1, description: 'Rows to return at most (capped by the server).' })),
    explain: Type.Optional(Type.Boolean({ default: true, description: 'Explain the rows in words.' })),
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Route and generate SQL, do not execute.' })),
  },
  { additionalProperties: false, title: 'QueryRequest' },
);

/** One SQL attempt: the SQL and, when it failed, the database's or guard's error. */
export const AttemptSchema = Type.Object({
  sql: Type.String(),
  error: Type.Optional(Type.String()),
});

/** A result column. */
export const ColumnSchema = Type.Object({ name: Type.String(), type: Type.String() });

/** POST /query response body. */
export const QueryResponseSchema = Type.Object(
  {
    answer: Type.Union([Type.String(), Type.Null()], { description: 'The answer in words; null for dryRun or explain=false.' }),
    source: Type.String(),
    tables: Type.Array(Type.String()),
    sql: Type.String({ description: 'The SQL that ran (after the guard added or tightened LIMIT).' }),
    columns: Type.Array(ColumnSchema),
    rows: Type.Array(Type.Array(Type.Unknown()), { description: 'Rows aligned with columns.' }),
    rowCount: Type.Integer(),
    truncated: Type.Boolean({ description: 'True when the source had more rows than maxRows.' }),
    attempts: Type.Array(AttemptSchema),
    guard: Type.Object({
      verdict: Type.Union([Type.Literal('allowed'), Type.Literal('rejected')]),
      limitApplied: Type.Boolean(),
      functions: Type.Array(Type.String()),
    }),
    timings: Type.Object({
      routeMs: Type.Number(),
      generateMs: Type.Number(),
      guardMs: Type.Number(),
      executeMs: Type.Number(),
      explainMs: Type.Number(),
      totalMs: Type.Number(),
    }),
    usage: Type.Object({ llmCalls: Type.Integer(), promptTokens: Type.Integer(), completionTokens: Type.Integer() }),
  },
  { title: 'QueryResponse' },
);

export type QueryRequest = Static<typeof QueryRequestSchema>;
export type QueryResponse = Static<typeof QueryResponseSchema>;
export type QueryAttempt = Static<typeof AttemptSchema>;
