import { Type, type Static } from 'typebox';

/** The running limits the request schema states, read from the settings when the routes are built. */
export interface QueryRequestLimits {
  /** Longest accepted question, in characters (SWITCHYARD_MAX_QUESTION_LENGTH). */
  readonly maxQuestionLength: number;
  /** Rows returned when the request names no maxRows (SWITCHYARD_DEFAULT_MAX_ROWS). */
  readonly defaultMaxRows: number;
  /** Most rows a request may ask for (SWITCHYARD_MAX_ROWS_LIMIT). */
  readonly maxRowsLimit: number;
}

/** A question the demo catalog answers, so the example in /docs runs as it is. */
export const exampleQuestion = 'How many tickets were sold each month in 2008?';

/** POST /query request body, with the limits of the running service, so the document states the real ones. */
export function queryRequestSchema(limits: QueryRequestLimits) {
  return Type.Object(
    {
      question: Type.String({
        maxLength: limits.maxQuestionLength,
        description: `The question, in plain English: at most ${limits.maxQuestionLength} characters (SWITCHYARD_MAX_QUESTION_LENGTH); longer is 400 SWY_ERR_QUESTION_TOO_LONG.`,
      }),
      source: Type.Optional(Type.String({ description: 'Source to query (a name from GET /sources); when given, routing is skipped.' })),
      sources: Type.Optional(
        Type.Array(Type.String(), {
          minItems: 2,
          maxItems: 10,
          uniqueItems: true,
          description:
            'Sources the question may use (names from GET /sources): routing chooses among these only, and may answer from several of them together (a federated answer, see `plan`). Not together with `source`.',
        }),
      ),
      maxRows: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: limits.maxRowsLimit,
          description: `Rows to return at most: ${limits.defaultMaxRows} when omitted (SWITCHYARD_DEFAULT_MAX_ROWS), at most ${limits.maxRowsLimit} (SWITCHYARD_MAX_ROWS_LIMIT), and lowered to a source's own maxRows when it sets one.`,
        }),
      ),
      explain: Type.Optional(Type.Boolean({ default: true, description: 'Explain the rows in words.' })),
      dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Route and generate SQL, do not execute.' })),
      conversationId: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 100,
          pattern: '^[A-Za-z0-9_-]+$',
          description:
            'Conversation to continue, as an earlier answer returned it; omit it to start a new one. A follow-up ("and in 2009?") is resolved against the previous question, source and SQL; a question that stands alone is answered as one. An unknown or expired id is answered with 404 SWY_ERR_CONVERSATION_NOT_FOUND.',
        }),
      ),
    },
    { additionalProperties: false, $id: 'QueryRequest', examples: [{ question: exampleQuestion }] },
  );
}

/** One SQL attempt: the SQL and, when it failed, the database's or guard's error. */
export const AttemptSchema = Type.Object(
  {
    sql: Type.String(),
    error: Type.Optional(Type.String({ description: "Why it failed, with the database's line breaks; absent when it ran." })),
  },
  { $id: 'SqlAttempt' },
);

/** A result column. */
export const ColumnSchema = Type.Object({ name: Type.String(), type: Type.String({ description: 'The type the engine reports.' }) }, { $id: 'ResultColumn' });

const GuardSummarySchema = Type.Object(
  {
    verdict: Type.Union([Type.Literal('allowed'), Type.Literal('rejected')]),
    limitApplied: Type.Boolean({ description: 'True when the guard added or tightened LIMIT.' }),
    rowLimit: Type.Optional(Type.Integer({ description: 'The LIMIT the guard applied when limitApplied: the row cap plus one, which tells whether more rows exist.' })),
    functions: Type.Array(Type.String(), { description: "The functions the SQL calls, each on the engine's allowlist." }),
  },
  { $id: 'GuardSummary' },
);

const TimingsSchema = Type.Object(
  {
    routeMs: Type.Number(),
    generateMs: Type.Number(),
    guardMs: Type.Number(),
    executeMs: Type.Number(),
    explainMs: Type.Number(),
    llmMs: Type.Number({ description: 'Time spent waiting on the model, part of route, generate and explain.' }),
    totalMs: Type.Number(),
  },
  { $id: 'QueryTimings' },
);

const UsageSchema = Type.Object({ llmCalls: Type.Integer(), promptTokens: Type.Integer(), completionTokens: Type.Integer() }, { $id: 'ModelUsage' });

const ChartSchema = Type.Object({
  kind: Type.Union([Type.Literal('line'), Type.Literal('bar'), Type.Literal('pie')]),
  spec: Type.Record(Type.String(), Type.Unknown(), { description: 'Vega-Lite v6 spec with the rows inlined.' }),
});

const AnswerCheckSchema = Type.Object(
  {
    grounded: Type.Boolean({ description: 'True when every number the answer states appears in the rows or the question.' }),
    numbersNotInRows: Type.Array(Type.String(), { description: 'Stated numbers found nowhere in the rows: derived or invented.' }),
  },
  { $id: 'AnswerCheck', description: 'Whether the answer only states figures read from the rows.' },
);

const RoutingCandidateSchema = Type.Object(
  {
    source: Type.String(),
    score: Type.Number(),
    tables: Type.Array(Type.Object({ table: Type.String(), score: Type.Number(), reason: Type.String({ description: 'Which words of the question matched.' }) })),
  },
  { $id: 'RoutingCandidate' },
);

const RoutingSchema = Type.Object(
  {
    method: Type.String({ description: '"lexical" or "lexical+embeddings".' }),
    narrowed: Type.Boolean({ description: 'False when the catalog was small enough to hand over whole.' }),
    tokens: Type.Integer({ description: 'Tokens of the candidate schema handed to the router model.' }),
    candidates: Type.Array(RoutingCandidateSchema),
    embeddingError: Type.Optional(Type.String()),
    spansSources: Type.Optional(
      Type.Array(Type.String(), { description: 'Present when no one source covers the question and the candidates span sources joined by cross-source relationships that do together: those sources, best first.' }),
    ),
  },
  { $id: 'RoutingDebug', description: 'Debug: the candidate sources and tables retrieval handed to routing, with scores.' },
);

/** One extraction of a federated answer, as it ran. */
export const FederatedPartSchema = Type.Object(
  {
    index: Type.Integer({ minimum: 1, description: 'The part\'s position in the plan; errors name parts by it.' }),
    source: Type.String({ description: 'The source the part read.' }),
    table: Type.String({ description: 'The table it read, as the source names it.' }),
    sql: Type.String({ description: "The extraction as it ran, in the source's own dialect: only the columns the query uses, with the filters that touch only this table." }),
    pushedFilters: Type.Array(Type.String(), { description: "The model's filters carried into the extraction (as written in the combine query)." }),
    rows: Type.Optional(Type.Integer({ description: 'Rows the part moved into the combine step; absent for a dry run.' })),
    bytes: Type.Optional(Type.Integer({ description: 'Approximate bytes the part moved; absent for a dry run.' })),
    milliseconds: Type.Optional(Type.Number({ description: 'Time the extraction took; absent for a dry run.' })),
  },
  { $id: 'FederatedPart' },
);

/** How a federated answer was put together. */
export const FederatedPlanSchema = Type.Object(
  {
    engine: Type.Union([Type.Literal('duckdb'), Type.Literal('trino')], {
      description: '`duckdb`: each part was extracted from its source and the query ran in an embedded, sandboxed DuckDB; `trino`: a Trino source that federates every source ran the query whole.',
    }),
    sources: Type.Array(Type.String(), { description: 'The sources the answer read.' }),
    combineSql: Type.String({ description: 'The query that combined the parts (DuckDB SQL over source-qualified names), as it ran.' }),
    parts: Type.Array(FederatedPartSchema, { description: 'One extraction per source table, in plan order; empty when Trino ran the query.' }),
    combineMilliseconds: Type.Optional(Type.Number({ description: 'Time of the combine step: loading the parts and running the query.' })),
  },
  { $id: 'FederatedPlan', description: 'Present when the answer needed several sources.' },
);

/** POST /query response body. */
export const QueryResponseSchema = Type.Object(
  {
    answer: Type.Union([Type.String(), Type.Null()], { description: 'The answer in words; null for dryRun or explain=false.' }),
    source: Type.String({ description: 'The source that answered; for a federated answer, its sources joined with `+` (see `plan`).' }),
    tables: Type.Array(Type.String({ description: 'As the SQL names them; source-qualified (`hr.employees`) in a federated answer.' })),
    sql: Type.String({ description: 'The SQL that ran (after the guard added or tightened LIMIT); for a REST source, the HTTP request it sent.' }),
    modelSql: Type.Optional(
      Type.String({ description: 'The SQL as the model wrote it, before the guard applied its row limit (see guard.rowLimit); absent for REST sources.' }),
    ),
    requestLanguage: Type.Optional(
      Type.Union([Type.Literal('sql'), Type.Literal('http-get')], {
        description: 'What `sql` holds: `sql`, or `http-get` for a REST source, whose `sql` is the HTTP GET request sent (and which offers no CSV download).',
      }),
    ),
    columns: Type.Array(ColumnSchema),
    rows: Type.Array(Type.Array(Type.Unknown()), { description: 'Rows aligned with columns.' }),
    rowCount: Type.Integer(),
    truncated: Type.Boolean({ description: 'True when the source had more rows than maxRows.' }),
    attempts: Type.Array(AttemptSchema),
    guard: GuardSummarySchema,
    timings: TimingsSchema,
    usage: UsageSchema,
    conversationId: Type.Optional(Type.String({ description: 'Pass back as conversationId to ask a follow-up.' })),
    standaloneQuestion: Type.Optional(Type.String({ description: 'The question as answered; a follow-up rewritten to stand alone.' })),
    queryId: Type.Optional(Type.String({ description: 'Id for GET /query/{id}/rows.csv.' })),
    chart: Type.Optional(
      Type.Union([ChartSchema, Type.Null()], { description: 'A chart proposed from column types and values (never LLM-written code); null when none fits.' }),
    ),
    answerCheck: Type.Optional(AnswerCheckSchema),
    routing: Type.Optional(RoutingSchema),
    plan: Type.Optional(FederatedPlanSchema),
    curatedExample: Type.Optional(
      Type.Boolean({
        description: "True when no model is configured and the question is one of the catalog's example questions: its curated SQL ran (guarded like any other) and `answer` is null.",
      }),
    ),
    cache: Type.Optional(
      Type.Union([Type.Literal('hit'), Type.Literal('miss')], {
        description: '"hit" when the answer came from the cache without calling the model or the source.',
      }),
    ),
  },
  { $id: 'QueryResponse' },
);

export type QueryRequest = Static<ReturnType<typeof queryRequestSchema>>;
export type QueryResponse = Static<typeof QueryResponseSchema>;
export type QueryAttempt = Static<typeof AttemptSchema>;
export type FederatedPlanSummary = Static<typeof FederatedPlanSchema>;
export type FederatedPartSummary = Static<typeof FederatedPartSchema>;
