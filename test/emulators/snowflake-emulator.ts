/**
 * TEST DOUBLE of Snowflake's REST protocol, for the real snowflake-sdk pointed here with its
 * `accessUrl` option. It answers `/session/v1/login-request` (password check, session and master
 * tokens, session parameters), `/queries/v1/query-request` (the JSON result format: `rowtype`
 * metadata plus a `rowset` of strings — NUMBER as decimal text, DATE as days since the epoch,
 * TIMESTAMP_NTZ as epoch seconds with nine fraction digits, BOOLEAN as "1"/"0"), the per-statement
 * STATEMENT_TIMEOUT_IN_SECONDS parameter (error 000630), `/queries/v1/abort-request` (error 000604),
 * session deletion and telemetry. SQL runs on DuckDB; Snowflake's folding of unquoted identifiers
 * to upper case is not emulated.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { DuckDBTypeId, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { DuckDbQueryEngine, valueText, type RunningStatement } from './duckdb-query-engine.js';
import { startLoopbackServer } from './loopback-http-server.js';

/** Options of the emulator. */
export interface SnowflakeEmulatorOptions {
  /** Accepted user name. */
  readonly username: string;
  /** Accepted password. */
  readonly password: string;
  /** Schema name (the DuckDB schema holding the seeded tables). */
  readonly schema: string;
  /** Statements that create and fill the tables. */
  readonly seed: readonly string[];
}

/** A running emulator. */
export interface SnowflakeEmulator {
  /** `http://127.0.0.1:<port>`, for `accessUrl`. */
  readonly accessUrl: string;
  /** Request paths received, in order. */
  readonly paths: string[];
  /** Stops the server and removes the database. */
  close(): Promise<void>;
}

interface RowType {
  type: string;
  precision: number | null;
  scale: number | null;
}

function rowType(type: DuckDBType): RowType {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
      return { type: 'fixed', precision: 38, scale: 0 };
    case DuckDBTypeId.DECIMAL: {
      const match = /\((\d+),(\d+)\)/.exec(type.toString());
      return { type: 'fixed', precision: Number(match?.[1] ?? 38), scale: Number(match?.[2] ?? 0) };
    }
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return { type: 'real', precision: null, scale: null };
    case DuckDBTypeId.BOOLEAN:
      return { type: 'boolean', precision: null, scale: null };
    case DuckDBTypeId.DATE:
      return { type: 'date', precision: null, scale: null };
    case DuckDBTypeId.TIMESTAMP:
      return { type: 'timestamp_ntz', precision: 0, scale: 9 };
    default:
      return { type: 'text', precision: null, scale: null };
  }
}

/** One value in Snowflake's JSON rowset encoding. */
function rowsetValue(value: DuckDBValue, type: RowType): string | null {
  const text = valueText(value);
  if (text === null) return null;
  switch (type.type) {
    case 'boolean':
      return value === true ? '1' : '0';
    case 'date':
      return String(Date.parse(`${text}T00:00:00Z`) / 86_400_000);
    case 'timestamp_ntz': {
      const [date = '', time = '00:00:00'] = text.split(' ');
      const [clock = '', fraction = ''] = time.split('.');
      const seconds = Date.parse(`${date}T${clock}Z`) / 1000;
      return `${seconds}.${fraction.padEnd(9, '0')}`;
    }
    default:
      return text;
  }
}


/** Starts the emulator with a seeded database. */
export async function startSnowflakeEmulator(options: SnowflakeEmulatorOptions): Promise<SnowflakeEmulator> {
  const engine = await DuckDbQueryEngine.create(options.schema, options.seed);
  const sessions = new Set<string>();
  const running = new Map<string, { statement: RunningStatement; aborted: boolean }>();
  const paths: string[] = [];

  async function runQuery(body: Record<string, unknown>, requestId: string): Promise<unknown> {
    const sqlText = String(body['sqlText'] ?? '');
    const parameters = (body['parameters'] ?? {}) as Record<string, unknown>;
    const timeoutSeconds = Number(parameters['STATEMENT_TIMEOUT_IN_SECONDS'] ?? 0);
    const queryId = crypto.randomUUID();
    const entry = { statement: engine.start(sqlText), aborted: false, timedOut: false };
    running.set(requestId, entry);
    const timer = timeoutSeconds > 0 ? setTimeout(() => ((entry.timedOut = true), entry.statement.interrupt()), timeoutSeconds * 1000) : undefined;
    try {
      const result = await entry.statement.done;
      const types = result.columns.map((column) => rowType(column.type));
      return {
        success: true,
        code: null,
        message: null,
        data: {
          queryId,
          queryResultFormat: 'json',
          version: 1,
          statementTypeId: 4096,
          parameters: [{ name: 'TIMEZONE', value: 'UTC' }],
          rowtype: result.columns.map((column, index) => ({
            name: column.name,
            database: '',
            schema: options.schema.toUpperCase(),
            table: '',
            nullable: true,
            length: null,
            byteLength: null,
            collation: null,
            ...types[index],
          })),
          rowset: result.rows.map((row) => row.map((value, index) => rowsetValue(value, types[index]!))),
          total: result.rows.length,
          returned: result.rows.length,
        },
      };
    } catch (error) {
      const [code, sqlState, message] = entry.timedOut
        ? ['000630', '57014', `Statement reached its statement or warehouse timeout of ${timeoutSeconds} second(s) and was canceled.`]
        : entry.aborted
          ? ['000604', '57014', 'SQL execution canceled']
          : ['001003', '42000', `SQL compilation error:\n${error instanceof Error ? error.message : String(error)}`];
      return { success: false, code, message, data: { queryId, sqlState, errorCode: code, internalError: false } };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      running.delete(requestId);
    }
  }

  async function route(request: http.IncomingMessage, text: string): Promise<{ status: number; body: unknown }> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    paths.push(url.pathname);
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    if (url.pathname === '/session/v1/login-request') {
      const data = (body['data'] ?? {}) as Record<string, unknown>;
      if (data['LOGIN_NAME'] !== options.username || data['PASSWORD'] !== options.password) {
        return { status: 200, body: { success: false, code: '390100', message: 'Incorrect username or password was specified.', data: { nextAction: 'RETRY_LOGIN' } } };
      }
      const token = crypto.randomBytes(16).toString('hex');
      sessions.add(token);
      return {
        status: 200,
        body: {
          success: true,
          code: null,
          message: null,
          data: {
            token,
            masterToken: crypto.randomBytes(16).toString('hex'),
            validityInSeconds: 3600,
            masterValidityInSeconds: 14400,
            sessionId: Date.now(),
            parameters: [{ name: 'TIMEZONE', value: 'UTC' }],
            sessionInfo: { databaseName: 'EMULATED', schemaName: options.schema.toUpperCase(), warehouseName: 'EMULATED_WH', roleName: 'READER' },
          },
        },
      };
    }
    const token = /Snowflake Token="([^"]+)"/.exec(String(request.headers.authorization ?? ''))?.[1];
    if (token === undefined || !sessions.has(token)) {
      return { status: 200, body: { success: false, code: '390104', message: 'Session no longer exists.', data: null } };
    }
    if (url.pathname === '/queries/v1/query-request') return { status: 200, body: await runQuery(body, url.searchParams.get('requestId') ?? '') };
    if (url.pathname === '/queries/v1/abort-request') {
      const entry = running.get(String(body['requestId']));
      if (entry !== undefined) {
        entry.aborted = true;
        entry.statement.interrupt();
      }
      return { status: 200, body: { success: true, code: null, message: null, data: null } };
    }
    if (url.pathname === '/session') {
      sessions.delete(token);
      return { status: 200, body: { success: true, code: null, message: null, data: null } };
    }
    if (url.pathname === '/telemetry/send') return { status: 200, body: { success: true, code: null, message: null, data: null } };
    return { status: 404, body: { success: false, code: '404', message: `No route ${url.pathname}`, data: null } };
  }

  const server = await startLoopbackServer(async (request, text) => {
    const { status, body } = await route(request, text);
    return { status, text: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  });
  return {
    accessUrl: server.url,
    paths,
    async close() {
      for (const entry of running.values()) entry.statement.interrupt();
      await server.close();
      await engine.close();
    },
  };
}
