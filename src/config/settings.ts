import path from 'node:path';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { readResilienceSettings, type ResilienceSettings } from './resilience-settings.js';
import { readEnvironmentInteger } from './environment-integer.js';

/** Service settings read once at start-up; everything has a safe default so the demo needs none. */
export interface Settings {
  /** Interface to listen on. Default is 127.0.0.1. */
  readonly host: string;
  /** Port to listen on. Default is 8080. */
  readonly port: number;
  /** Folder with sources.yaml and overlays/. Default is ./catalog. */
  readonly catalogDirectory: string;
  /** Folder for generated demo data. Default is ./data. */
  readonly dataDirectory: string;
  /** Longest accepted question, in characters. Default is 2000. */
  readonly maxQuestionLength: number;
  /** Rows returned when the request names no maxRows. Default is 1000. */
  readonly defaultMaxRows: number;
  /** Upper bound on maxRows a client may ask for. Default is 10000. */
  readonly maxRowsLimit: number;
  /** Statement timeout for sources that set none, in milliseconds. Default is 30000. */
  readonly statementTimeoutMs: number;
  /**
   * How long shutdown waits for in-flight requests before aborting them (503 SWY_ERR_SHUTTING_DOWN) and
   * closing pools, in milliseconds. Default is 30000; give the orchestrator's grace period (Kubernetes'
   * terminationGracePeriodSeconds) a few seconds more.
   */
  readonly shutdownGraceMs: number;
  /** SQL attempts per question, the first included. Default is 5. */
  readonly maxSqlAttempts: number;
  /** Token budget above which results are explained in chunks. Default is 28000. */
  readonly explainTokenBudget: number;
  /** Token size of one result chunk. Default is 20000. */
  readonly explainChunkTokens: number;
  /**
   * Token budget of the schema in a SQL prompt (SWITCHYARD_SCHEMA_TOKEN_BUDGET). Past it, sample rows,
   * value lists and comments are shed, then the lowest-ranked tables. Default is 12000.
   */
  readonly schemaTokenBudget: number;
  /** pino log level (LOG_LEVEL): fatal, error, warn, info, debug, trace or silent. Default is info. */
  readonly logLevel: string;
  /** Breaker, bulkhead and retry limits of sources and the LLM (SWITCHYARD_SOURCE_* and SWITCHYARD_BREAKER_*). */
  readonly resilience?: ResilienceSettings;
  /** Bearer token of the admin endpoints (SWITCHYARD_ADMIN_TOKEN); unset disables them. */
  readonly adminToken?: string;
  /** Seconds between scheduled catalog refreshes (SWITCHYARD_CATALOG_REFRESH_SECONDS); 0 disables the schedule. Default is 0. */
  readonly catalogRefreshSeconds: number;
  /**
   * First delay before a source whose load failed is loaded again (SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS),
   * doubled per failed attempt with jitter until it loads. Default is 1000.
   */
  readonly sourceLoadRetryBaseMs: number;
  /** Longest delay between two loads of an unavailable source (SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS). Default is 60000. */
  readonly sourceLoadRetryMaxMs: number;
  /** Tables handed to chain 1 at most (SWITCHYARD_ROUTING_MAX_TABLES). Default is 8. */
  readonly routingMaxTables: number;
  /**
   * Candidate sources handed to chain 1 at most (SWITCHYARD_ROUTING_MAX_SOURCES). Default is 8, the table
   * cap: slot sharing gives a source no table unless it is worth one, so this only bounds the work.
   */
  readonly routingMaxSources: number;
  /** Token budget of the candidate schema handed to chain 1 (SWITCHYARD_ROUTING_TOKEN_BUDGET). Default is 4000. */
  readonly routingTokenBudget: number;
  /** A catalog rendering this small is handed over whole (SWITCHYARD_ROUTING_FULL_CATALOG_TOKENS); 0 always narrows. Default is 2000. */
  readonly routingFullCatalogTokens: number;
}

/** pino's levels: any other LOG_LEVEL would make the logger throw at start-up with a stack trace. */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readLogLevel(environment: NodeJS.ProcessEnv): string {
  const level = environment.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!logLevels.includes(level)) {
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${environment.LOG_LEVEL}"`, {
      details: { variable: 'LOG_LEVEL' },
    });
  }
  return level;
}

/** Reads settings from the environment, failing fast with SWY_ERR_CONFIG_INVALID on a bad value. */
export function readSettings(environment: NodeJS.ProcessEnv = process.env): Settings {
  const settings: Settings = {
    host: environment.HOST || '127.0.0.1',
    port: readEnvironmentInteger(environment, 'PORT', 8080, 0),
    catalogDirectory: path.resolve(environment.SWITCHYARD_CATALOG_DIR || 'catalog'),
    dataDirectory: path.resolve(environment.SWITCHYARD_DATA_DIR || 'data'),
    maxQuestionLength: readEnvironmentInteger(environment, 'SWITCHYARD_MAX_QUESTION_LENGTH', 2000),
    defaultMaxRows: readEnvironmentInteger(environment, 'SWITCHYARD_DEFAULT_MAX_ROWS', 1000),
    maxRowsLimit: readEnvironmentInteger(environment, 'SWITCHYARD_MAX_ROWS_LIMIT', 10000),
    statementTimeoutMs: readEnvironmentInteger(environment, 'SWITCHYARD_STATEMENT_TIMEOUT_MS', 30000, 100),
    shutdownGraceMs: readEnvironmentInteger(environment, 'SWITCHYARD_SHUTDOWN_GRACE_MS', 30000, 0),
    maxSqlAttempts: readEnvironmentInteger(environment, 'SWITCHYARD_MAX_SQL_ATTEMPTS', 5),
    explainTokenBudget: readEnvironmentInteger(environment, 'SWITCHYARD_EXPLAIN_TOKEN_BUDGET', 28000, 1000),
    explainChunkTokens: readEnvironmentInteger(environment, 'SWITCHYARD_EXPLAIN_CHUNK_TOKENS', 20000, 500),
    schemaTokenBudget: readEnvironmentInteger(environment, 'SWITCHYARD_SCHEMA_TOKEN_BUDGET', 12000, 500),
    logLevel: readLogLevel(environment),
    resilience: readResilienceSettings(environment),
    ...(environment.SWITCHYARD_ADMIN_TOKEN ? { adminToken: environment.SWITCHYARD_ADMIN_TOKEN } : {}),
    catalogRefreshSeconds: readEnvironmentInteger(environment, 'SWITCHYARD_CATALOG_REFRESH_SECONDS', 0, 0),
    sourceLoadRetryBaseMs: readEnvironmentInteger(environment, 'SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS', 1000, 10),
    sourceLoadRetryMaxMs: readEnvironmentInteger(environment, 'SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS', 60000, 10),
    routingMaxTables: readEnvironmentInteger(environment, 'SWITCHYARD_ROUTING_MAX_TABLES', 8),
    routingMaxSources: readEnvironmentInteger(environment, 'SWITCHYARD_ROUTING_MAX_SOURCES', 8),
    routingTokenBudget: readEnvironmentInteger(environment, 'SWITCHYARD_ROUTING_TOKEN_BUDGET', 4000, 100),
    routingFullCatalogTokens: readEnvironmentInteger(environment, 'SWITCHYARD_ROUTING_FULL_CATALOG_TOKENS', 2000, 0),
  };
  if (settings.explainChunkTokens >= settings.explainTokenBudget) {
    throw new SwitchyardError(
      'SWY_ERR_CONFIG_INVALID',
      'SWITCHYARD_EXPLAIN_CHUNK_TOKENS must be smaller than SWITCHYARD_EXPLAIN_TOKEN_BUDGET',
      { details: { variable: 'SWITCHYARD_EXPLAIN_CHUNK_TOKENS' } },
    );
  }
  if (settings.sourceLoadRetryBaseMs > settings.sourceLoadRetryMaxMs) {
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', 'SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS exceeds SWITCHYARD_SOURCE_LOAD_RETRY_MAX_MS', {
      details: { variable: 'SWITCHYARD_SOURCE_LOAD_RETRY_BASE_MS' },
    });
  }
  if (settings.defaultMaxRows > settings.maxRowsLimit) {
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', 'SWITCHYARD_DEFAULT_MAX_ROWS exceeds SWITCHYARD_MAX_ROWS_LIMIT', {
      details: { variable: 'SWITCHYARD_DEFAULT_MAX_ROWS' },
    });
  }
  return settings;
}
