import { declareSection, type SettingValue } from './environment-setting.js';
import { modelSettings } from './model-settings-schema.js';
import { choiceSetting, integerSetting, jsonSetting, listSetting, originListSetting, pathSetting, textSetting, urlSetting } from './setting-kinds.js';

export { llmProviderNames } from './model-settings-schema.js';

/** The embedding providers SWITCHYARD_EMBEDDINGS_PROVIDER can name. */
export const embeddingProviderNames = ['openai', 'bedrock', 'sagemaker'] as const;

const millisecondsBySource = (document: unknown): Readonly<Record<string, number>> | undefined => {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const entries = Object.entries(document as Record<string, unknown>);
  if (!entries.every(([, value]) => Number.isInteger(value) && (value as number) >= 0)) return undefined;
  return Object.freeze(Object.fromEntries(entries) as Record<string, number>);
};

/**
 * Every setting the service reads from its environment, each declared once: its variable, kind,
 * default, bounds and a one-line description. The config reader validates them all at start-up and
 * docs/settings.md is generated from this table (`npm run docs:settings`).
 */
export const environmentSchema = {
  ...declareSection('server', {
    host: textSetting({ variable: 'HOST', default: '127.0.0.1', description: 'Interface to listen on; `0.0.0.0` listens on every interface.' }),
    port: integerSetting({ variable: 'PORT', default: 8080, minimum: 0, maximum: 65535, description: 'Port to listen on; 0 picks a free one.' }),
    logLevel: choiceSetting({
      variable: 'LOG_LEVEL', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info',
      description: 'Log level of the pino logger.',
    }),
    shutdownGraceMs: integerSetting({
      variable: 'SWITCHYARD_SHUTDOWN_GRACE_MS', default: 30_000, minimum: 0,
      description: "On SIGTERM, how long in-flight requests may finish; any still running then end with 503 `SWY_ERR_SHUTTING_DOWN` and pools close. Give the orchestrator's grace period a few seconds more.",
    }),
  }),
  ...declareSection('catalog', {
    catalogDirectory: pathSetting({ variable: 'SWITCHYARD_CATALOG_DIR', default: 'catalog', description: 'Folder with `sources.yaml` and `overlays/`.' }),
    dataDirectory: pathSetting({
      variable: 'SWITCHYARD_DATA_DIR', default: 'data',
      description: 'Where the demo data is generated and the catalog snapshot is kept.',
    }),
    catalogRefreshSeconds: integerSetting({
      variable: 'SWITCHYARD_CATALOG_REFRESH_SECONDS', default: 0, minimum: 0,
      description: 'Seconds between scheduled catalog refreshes; 0 turns the schedule off.',
    }),
    sourceLoadRetryBaseMs: integerSetting({
      variable: 'SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS', default: 1000, minimum: 10,
      description: 'First delay before a source whose load failed is loaded again, doubled (with jitter) per failure.',
    }),
    sourceLoadRetryMaxMs: integerSetting({
      variable: 'SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS', default: 60_000, minimum: 10,
      description: 'Longest delay between two loads of an unavailable source.',
    }),
  }),
  ...declareSection('answers', {
    maxQuestionLength: integerSetting({
      variable: 'SWITCHYARD_MAX_QUESTION_LENGTH', default: 2000,
      description: 'Longest question, in characters; longer is 400 `SWY_ERR_QUESTION_TOO_LONG`.',
    }),
    defaultMaxRows: integerSetting({
      variable: 'SWITCHYARD_DEFAULT_MAX_ROWS', default: 1000,
      description: 'Rows returned when a request names no `maxRows`; at most `SWITCHYARD_MAX_ROWS_LIMIT`.',
    }),
    maxRowsLimit: integerSetting({ variable: 'SWITCHYARD_MAX_ROWS_LIMIT', default: 10_000, description: 'Most rows a request may ask for.' }),
    statementTimeoutMs: integerSetting({
      variable: 'SWITCHYARD_STATEMENT_TIMEOUT_MS', default: 30_000, minimum: 100,
      description: 'Statement timeout of sources whose `sources.yaml` entry sets no `timeoutMs`.',
    }),
    maxSqlAttempts: integerSetting({ variable: 'SWITCHYARD_MAX_SQL_ATTEMPTS', default: 5, description: 'SQL attempts per question, the first included.' }),
    explainTokenBudget: integerSetting({
      variable: 'SWITCHYARD_EXPLAIN_TOKEN_BUDGET', default: 28_000, minimum: 1000,
      description: 'Token budget above which rows are explained in chunks and the chunk answers merged.',
    }),
    explainChunkTokens: integerSetting({
      variable: 'SWITCHYARD_EXPLAIN_CHUNK_TOKENS', default: 20_000, minimum: 500,
      description: 'Token size of one result chunk; smaller than `SWITCHYARD_EXPLAIN_TOKEN_BUDGET`.',
    }),
    schemaTokenBudget: integerSetting({
      variable: 'SWITCHYARD_SCHEMA_TOKEN_BUDGET', default: 12_000, minimum: 500,
      description: 'Token budget of the schema in the SQL-writing prompt; past it, sample rows, value lists and comments are shed, then the lowest-ranked tables.',
    }),
    csvMaxRows: integerSetting({
      variable: 'SWITCHYARD_CSV_MAX_ROWS', default: 100_000,
      description: "Most rows one `rows.csv` download returns (or the source's own `maxRows` when lower).",
    }),
  }),
  ...declareSection('routing', {
    routingMaxTables: integerSetting({
      variable: 'SWITCHYARD_ROUTING_MAX_TABLES', default: 8,
      description: 'Candidate tables handed to the router model at most.',
    }),
    routingMaxSources: integerSetting({
      variable: 'SWITCHYARD_ROUTING_MAX_SOURCES', default: 8,
      description: 'Candidate sources handed to the router model at most.',
    }),
    routingTokenBudget: integerSetting({
      variable: 'SWITCHYARD_ROUTING_TOKEN_BUDGET', default: 4000, minimum: 100,
      description: 'Token budget of the candidate schema handed to the router model.',
    }),
    routingFullCatalogTokens: integerSetting({
      variable: 'SWITCHYARD_ROUTING_FULL_CATALOG_TOKENS', default: 2000, minimum: 0,
      description: 'A catalog rendering this small is handed over whole (ranked); 0 always narrows.',
    }),
    embeddingsProvider: choiceSetting({
      variable: 'SWITCHYARD_EMBEDDINGS_PROVIDER', choices: embeddingProviderNames, defaultText: '`openai` when `SWITCHYARD_EMBEDDINGS_URL` is set',
      description: 'Embedding provider fused with lexical routing: an OpenAI-compatible `/embeddings` server, Cohere embed on Bedrock, or a SageMaker endpoint.',
    }),
    embeddingsUrl: urlSetting({ variable: 'SWITCHYARD_EMBEDDINGS_URL', description: 'Base URL (ending in `/v1`) of the OpenAI-compatible embeddings server.' }),
    embeddingsModel: textSetting({
      variable: 'SWITCHYARD_EMBEDDINGS_MODEL', defaultText: '`text-embedding-3-small` (openai), `cohere.embed-multilingual-v3` (bedrock)',
      description: 'Embedding model.',
    }),
    embeddingsApiKey: textSetting({
      variable: 'SWITCHYARD_EMBEDDINGS_API_KEY', secret: true,
      description: 'Bearer key of the OpenAI-compatible embeddings server.',
    }),
    embeddingsEndpointUrl: urlSetting({
      variable: 'SWITCHYARD_EMBEDDINGS_ENDPOINT_URL', defaultText: '`SWITCHYARD_BEDROCK_ENDPOINT_URL` / `SWITCHYARD_SAGEMAKER_ENDPOINT_URL`',
      description: 'Runtime URL override (VPC endpoint) of the bedrock or sagemaker embedding provider; the region is `AWS_REGION`.',
    }),
    embeddingsSagemakerEndpoint: textSetting({ variable: 'SWITCHYARD_EMBEDDINGS_SAGEMAKER_ENDPOINT', description: 'SageMaker embedding endpoint name.' }),
    embeddingsInputField: textSetting({
      variable: 'SWITCHYARD_EMBEDDINGS_INPUT_FIELD', defaultText: '`inputs`',
      description: 'Body field of the SageMaker embedding request that carries the texts (`text_inputs` for JumpStart models).',
    }),
  }),
  ...declareSection('federation', {
    federationPartMaxRows: integerSetting({
      variable: 'SWITCHYARD_FEDERATION_PART_MAX_ROWS', default: 500_000,
      description: 'Rows one part of a federated answer may move from its source into the combine step; past it the answer fails with 422 `SWY_ERR_FEDERATION_PART_TOO_LARGE` (never truncated).',
    }),
    federationPartMaxBytes: integerSetting({
      variable: 'SWITCHYARD_FEDERATION_PART_MAX_BYTES', default: 64 * 1024 * 1024, minimum: 1024,
      description: 'Bytes (JSON size of its values) one part of a federated answer may move; past it the answer fails with 422 `SWY_ERR_FEDERATION_PART_TOO_LARGE`.',
    }),
    federationCombineMemoryMb: integerSetting({
      variable: 'SWITCHYARD_FEDERATION_COMBINE_MEMORY_MB', default: 512, minimum: 16,
      description: "Memory limit in MB of the in-memory DuckDB that joins a federated answer's parts; past it the answer fails with 422 `SWY_ERR_FEDERATION_COMBINE_OUT_OF_MEMORY`.",
    }),
    federationCombineTimeoutMs: integerSetting({
      variable: 'SWITCHYARD_FEDERATION_COMBINE_TIMEOUT_MS', default: 30_000, minimum: 100,
      description: "Time the combine step of a federated answer (loading the parts and running the model's query) may take; past it 504 `SWY_ERR_QUERY_TIMEOUT`.",
    }),
  }),
  ...modelSettings,
  ...declareSection('security', {
    auth: choiceSetting({
      variable: 'SWITCHYARD_AUTH', choices: ['auto', 'required', 'off'], default: 'auto',
      description: '`auto` requires keys outside the demo; `required` everywhere; `off` when a gateway in front authenticates.',
    }),
    apiKeys: textSetting({
      variable: 'SWITCHYARD_API_KEYS', allowed: 'a JSON list, checked entry by entry',
      description: 'JSON list of `{"client", "keySha256", "sources"}`: each client\'s key hash and the sources it may query (`"*"` for all).',
    }),
    adminToken: textSetting({
      variable: 'SWITCHYARD_ADMIN_TOKEN', secret: true,
      description: 'Bearer token of `POST /admin/catalog/refresh`; unset, admin endpoints answer 403.',
    }),
    corsOrigins: listSetting({
      variable: 'SWITCHYARD_CORS_ORIGINS',
      description: 'Origins allowed cross-origin access, comma-separated, or `*`; unset, none.',
    }),
    rateLimitMax: integerSetting({
      variable: 'SWITCHYARD_RATE_LIMIT_MAX', default: 120, minimum: 0,
      description: 'Requests per window per API key (per address when auth is off); 0 turns the limit off.',
    }),
    rateLimitWindowMs: integerSetting({ variable: 'SWITCHYARD_RATE_LIMIT_WINDOW_MS', default: 60_000, minimum: 0, description: 'Rate-limit window.' }),
  }),
  ...declareSection('mcp', {
    mcpAllowedOrigins: originListSetting({
      variable: 'SWITCHYARD_MCP_ALLOWED_ORIGINS',
      description: 'Browser origins allowed to call `/mcp` besides loopback ones; a request with any other `Origin` is refused (DNS rebinding).',
    }),
    mcpMaxRows: integerSetting({
      variable: 'SWITCHYARD_MCP_MAX_ROWS', default: 50,
      description: 'Rows one MCP tool result carries at most; `get_rows` pages through the rest.',
    }),
    mcpMaxResultBytes: integerSetting({
      variable: 'SWITCHYARD_MCP_MAX_RESULT_BYTES', default: 256 * 1024, minimum: 1024,
      description: "Bytes of JSON one MCP tool result's rows may take; rows past it are left to `get_rows`.",
    }),
    mcpMaxCsvBytes: integerSetting({
      variable: 'SWITCHYARD_MCP_MAX_CSV_BYTES', default: 8 * 1024 * 1024, minimum: 1024,
      description: "Bytes one read of a query's CSV resource returns at most (the REST `rows.csv` download has no such cap).",
    }),
    mcpMaxSessions: integerSetting({
      variable: 'SWITCHYARD_MCP_MAX_SESSIONS', default: 1000,
      description: 'MCP sessions kept open at once over HTTP; past it the least recently used one closes.',
    }),
    mcpSessionIdleSeconds: integerSetting({
      variable: 'SWITCHYARD_MCP_SESSION_IDLE_SECONDS', default: 3600,
      description: 'Seconds an MCP session may stay unused before it closes.',
    }),
    mcpApiKey: textSetting({
      variable: 'SWITCHYARD_MCP_API_KEY', secret: true,
      description: 'The API key the stdio MCP server (`npm run mcp:stdio`) acts with; required there when API keys are on.',
    }),
  }),
  ...declareSection('cache', {
    cacheMode: choiceSetting({
      variable: 'SWITCHYARD_CACHE', choices: ['on', 'off'], default: 'on',
      description: '`off` turns off both cache layers (generated SQL and results).',
    }),
    cacheRedisUrl: textSetting({
      variable: 'SWITCHYARD_CACHE_REDIS_URL', secret: true, defaultText: '`SWITCHYARD_REDIS_URL`',
      description: 'A Redis of its own for the cache.',
    }),
    cacheMaxEntries: integerSetting({
      variable: 'SWITCHYARD_CACHE_MAX_ENTRIES', default: 2000,
      description: 'Entries the in-memory cache keeps (least recently used go first).',
    }),
    cacheMaxEntryBytes: integerSetting({ variable: 'SWITCHYARD_CACHE_MAX_ENTRY_BYTES', default: 1024 * 1024, description: 'Larger results are not cached.' }),
    sqlCacheTtlMs: integerSetting({
      variable: 'SWITCHYARD_SQL_CACHE_TTL_MS', default: 24 * 60 * 60 * 1000,
      description: 'Lifetime of generated SQL (24 h); a catalog change invalidates it sooner.',
    }),
    resultCacheTtlMs: integerSetting({
      variable: 'SWITCHYARD_RESULT_CACHE_TTL_MS', default: 5 * 60 * 1000, minimum: 0,
      description: 'Lifetime of results (5 min) for sources without their own.',
    }),
    resultCacheTtlBySource: jsonSetting({
      variable: 'SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE', allowed: 'a JSON object of source → milliseconds',
      default: Object.freeze({}), defaultText: '`{}`', read: millisecondsBySource,
      description: 'Result lifetime per source (`{"sales": 60000}`); 0 turns result caching off for a source whose data changes constantly.',
    }),
  }),
  ...declareSection('conversations', {
    conversationCapacity: integerSetting({
      variable: 'SWITCHYARD_CONVERSATION_CAPACITY', default: 1000,
      description: 'Conversations (and recent queries for download) kept in memory at most.',
    }),
    conversationTtlSeconds: integerSetting({
      variable: 'SWITCHYARD_CONVERSATION_TTL_SECONDS', default: 1800,
      description: 'Seconds a conversation (and a query id for download) lives after its last turn.',
    }),
  }),
  ...declareSection('resilience', {
    sourceMaxConcurrency: integerSetting({ variable: 'SWITCHYARD_SOURCE_MAX_CONCURRENCY', default: 8, description: 'Statements one source runs at once.' }),
    sourceMaxQueue: integerSetting({
      variable: 'SWITCHYARD_SOURCE_MAX_QUEUE', default: 64, minimum: 0,
      description: 'Statements waiting for a slot; beyond, 503 `SWY_ERR_SOURCE_BUSY`.',
    }),
    sourceRetries: integerSetting({
      variable: 'SWITCHYARD_SOURCE_RETRIES', default: 1, minimum: 0,
      description: 'Retries of a statement that failed on a dropped connection.',
    }),
    sourceRetryBaseMs: integerSetting({
      variable: 'SWITCHYARD_SOURCE_RETRY_BASE_MS', default: 100,
      description: 'First retry backoff, jittered and doubled per retry.',
    }),
    breakerThreshold: integerSetting({
      variable: 'SWITCHYARD_BREAKER_THRESHOLD', default: 5,
      description: 'Consecutive failures that open the circuit breaker of a source or model provider.',
    }),
    breakerHalfOpenMs: integerSetting({
      variable: 'SWITCHYARD_BREAKER_HALF_OPEN_MS', default: 30_000, minimum: 10,
      description: 'Time an open breaker waits before letting one trial call through.',
    }),
  }),
  ...declareSection('operations', {
    redisUrl: textSetting({
      variable: 'SWITCHYARD_REDIS_URL', secret: true,
      description: 'Redis shared by replicas for rate limits, the cache and conversations; unset, each process keeps its own in memory.',
    }),
    auditLog: pathSetting({ variable: 'SWITCHYARD_AUDIT_LOG', description: 'Append-only JSON-lines file recording every question.' }),
    auditDatabaseUrl: textSetting({
      variable: 'SWITCHYARD_AUDIT_DATABASE_URL', secret: true,
      description: 'PostgreSQL URL whose `switchyard_audit` table records every question (instead of the file).',
    }),
  }),
  ...declareSection('tools', {
    benchDirectory: pathSetting({
      variable: 'SWITCHYARD_BENCH_DIR',
      description: 'Folder of the benchmark sets `npm run bench:routing` and `npm run bench:federation` read; unset, `../shared/bench` beside the checkout.',
    }),
    evalPostgresHost: textSetting({
      variable: 'PGHOST', default: '127.0.0.1',
      description: 'PostgreSQL server `npm run eval` loads the defog databases into.',
    }),
    evalPostgresPort: integerSetting({ variable: 'PGPORT', default: 5432, maximum: 65535, description: 'Port of that PostgreSQL server.' }),
    evalPostgresUser: textSetting({ variable: 'PGUSER', default: 'postgres', description: 'User on that PostgreSQL server.' }),
    evalPostgresPassword: textSetting({ variable: 'PGPASSWORD', secret: true, description: 'Password of that user.' }),
  }),
};

/** The environment schema's settings by config key. */
export type EnvironmentSchema = typeof environmentSchema;

/** Every declared setting's validated value, by config key. */
export type DeclaredValues = { readonly [Key in keyof EnvironmentSchema]: SettingValue<EnvironmentSchema[Key]> };
