/**
 * TEST DOUBLE of Trino's REST client protocol (a coordinator), for the real TrinoConnector pointed
 * here with `server`. It answers `POST /v1/statement` with a QUEUED page (`id`, `infoUri`,
 * `nextUri`, `stats.state`), `GET` of each `nextUri` (queued, then executing) with pages of the
 * result: the columns first (`name`, `type`, `typeSignature`), then `data` a few rows a page, then a
 * last page without `nextUri`; a re-read of the last `nextUri` answers the same page, an older one
 * 410 and an unknown one 404. A failed query ends with a page holding `error` (`message`,
 * `errorCode`, `errorName`, `errorType`, `failureInfo`). `DELETE` of a `nextUri` cancels the query
 * (USER_CANCELED). It checks `X-Trino-User`, basic authentication (refused over plain http unless
 * `X-Forwarded-Proto: https` says a TLS proxy is in front, as Trino behind one does with
 * `http-server.process-forwarded`), `X-Trino-Catalog` and `X-Trino-Schema`; applies the session
 * properties `query_max_run_time` and `query_max_execution_time` of `X-Trino-Session`
 * (EXCEEDED_TIME_LIMIT); runs `START TRANSACTION [READ ONLY]` (with `X-Trino-Transaction-Id: NONE`,
 * answered by `X-Trino-Started-Transaction-Id` on a poll), `COMMIT` and `ROLLBACK`, refuses writes
 * in a read-only transaction (READ_ONLY_VIOLATION) and, outside one, as a SELECT-only user would be
 * (PERMISSION_DENIED). It can answer the next requests with 503, as a load balancer in front would.
 *
 * Not emulated: Trino's SQL (statements run on DuckDB, whose messages are kept), other catalogs than
 * the configured ones (attached DuckDB databases), spooled results, prepared statements, roles,
 * query info at `infoUri`, compression.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { DuckDbQueryEngine, type AttachedDatabase, type EngineResult, type RunningStatement } from './duckdb-query-engine.js';
import { startLoopbackServer, type LoopbackReply } from './loopback-http-server.js';
import { trinoColumns, trinoDataJson, type TrinoWireColumn } from './trino-emulator-values.js';
import * as statements from './trino-emulator-statements.js';

/** Options of the emulator. */
export interface TrinoEmulatorOptions {
  /** Catalog of the seeded tables (the name of the main DuckDB database). */
  readonly catalog: string;
  /** Schema of the seeded tables. */
  readonly schema: string;
  /** Statements that create and fill the tables. */
  readonly seed: readonly string[];
  /** Further catalogs (attached DuckDB databases), each with one seeded schema. */
  readonly otherCatalogs?: readonly AttachedDatabase[];
  /** When set, every request must carry basic authentication with this password. */
  readonly password?: string;
  /** Rows a page holds at most (default 3, so results span several pages). */
  readonly pageSize?: number;
  /** False: session time limits are read but never fire, as when Trino's periodic limit check runs late (default true). */
  readonly enforceTimeLimits?: boolean;
}

/** One request the emulator received. */
export interface RecordedRequest {
  /** HTTP method. */
  readonly method: string;
  /** Path of the URL. */
  readonly path: string;
  /** Request headers, lower-case names. */
  readonly headers: http.IncomingHttpHeaders;
  /** The statement of a POST. */
  readonly body: string;
}

/** A running emulator. */
export interface TrinoEmulator {
  /** `http://127.0.0.1:<port>`, for `server`. */
  readonly server: string;
  /** Every request, in order. */
  readonly requests: RecordedRequest[];
  /** Ids of queries cancelled by a DELETE. */
  readonly cancelledQueries: string[];
  /** Transactions started and not yet ended, by id. */
  readonly openTransactions: ReadonlyMap<string, { readonly readOnly: boolean }>;
  /** Answers the next `count` requests with HTTP 503, as a gateway with no backend ready would. */
  failNextRequests(count: number): void;
  /** Stops the server and removes the databases. */
  close(): Promise<void>;
}

interface Transaction {
  readonly readOnly: boolean;
  aborted: boolean;
}

interface EmulatedQuery {
  readonly id: string;
  readonly slug: string;
  /** Token of the `nextUri` the client holds; the page it gets is computed on its first read. */
  token: number;
  lastPage?: { readonly token: number; readonly text: string; readonly headers: Record<string, string> };
  /** DuckDB (or the transaction control) is done with the statement. */
  settled: boolean;
  /** The last page (without `nextUri`) was sent. */
  finished: boolean;
  done: Promise<void>;
  statement?: RunningStatement;
  result?: EngineResult;
  columns?: TrinoWireColumn[];
  rowsSent: number;
  columnsSent: boolean;
  error?: statements.TrinoWireError;
  /** Response headers the last page carries (transaction started or cleared). */
  finalHeaders: Record<string, string>;
  readonly transaction?: Transaction | undefined;
  timer?: NodeJS.Timeout;
}

const pollWaitMs = 100;

/** Starts the emulator with seeded catalogs. */
export async function startTrinoEmulator(options: TrinoEmulatorOptions): Promise<TrinoEmulator> {
  const engine = await DuckDbQueryEngine.create(options.schema, options.seed, { databaseName: options.catalog, attached: options.otherCatalogs ?? [] });
  const pageSize = options.pageSize ?? 3;
  const queries = new Map<string, EmulatedQuery>();
  const transactions = new Map<string, Transaction>();
  const requests: RecordedRequest[] = [];
  const cancelledQueries: string[] = [];
  let failuresToSend = 0;
  let queryCounter = 0;

  function refusal(request: http.IncomingMessage): string | undefined {
    const secure = request.headers['x-forwarded-proto'] === 'https';
    const authorization = String(request.headers.authorization ?? '');
    if (authorization !== '' && !secure) return 'Password not allowed for insecure authentication';
    if (options.password !== undefined) {
      const [user, password] = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
      if (!authorization.startsWith('Basic ') || password !== options.password || user !== request.headers['x-trino-user']) return 'Access Denied: Invalid credentials';
    }
    if (request.headers['x-trino-user'] === undefined && authorization === '') return 'Basic authentication or X-Trino-Original-User or X-Trino-User must be sent';
    return undefined;
  }

  function baseUrl(request: http.IncomingMessage): string {
    const protocol = request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    return `${protocol}://${String(request.headers['x-forwarded-host'] ?? request.headers.host)}`;
  }

  function fail(query: EmulatedQuery, error: statements.TrinoWireError): void {
    if (query.finished || query.error !== undefined) return;
    query.error = error;
    if (query.transaction !== undefined) query.transaction.aborted = true;
    query.statement?.interrupt();
  }

  /** Runs the statement; settles when it ended (or failed, or was cancelled). */
  async function execute(query: EmulatedQuery, sql: string, headers: http.IncomingHttpHeaders): Promise<void> {
    const transactionHeader = headers['x-trino-transaction-id'] as string | undefined;
    const control = statements.transactionStatement(sql);
    if (statements.hasSemicolon(sql)) return fail(query, statements.userError('SYNTAX_ERROR', "mismatched input ';'. Expecting: <EOF>"));
    if (headers['x-trino-catalog'] !== options.catalog) return fail(query, statements.userError('CATALOG_NOT_FOUND', `Catalog '${String(headers['x-trino-catalog'])}' not found`));
    if (headers['x-trino-schema'] !== options.schema) return fail(query, statements.userError('SCHEMA_NOT_FOUND', `Schema '${String(headers['x-trino-schema'])}' does not exist`));
    if (control?.kind === 'start') {
      if (transactionHeader === undefined) return fail(query, statements.userError('INCOMPATIBLE_CLIENT', 'Client does not support transactions'));
      if (transactionHeader !== 'NONE') return fail(query, statements.userError('NOT_SUPPORTED', 'Nested transactions not supported'));
      const id = crypto.randomUUID();
      transactions.set(id, { readOnly: control.readOnly, aborted: false });
      query.finalHeaders = { 'X-Trino-Started-Transaction-Id': id };
      return;
    }
    if (control !== undefined) {
      const transaction = transactionHeader === undefined ? undefined : transactions.get(transactionHeader);
      if (transactionHeader === undefined || transactionHeader === 'NONE') return fail(query, statements.userError('NOT_IN_TRANSACTION', 'No transaction in progress'));
      if (transaction === undefined) return fail(query, statements.userError('UNKNOWN_TRANSACTION', `Unknown transaction ID: ${transactionHeader}`));
      transactions.delete(transactionHeader);
      query.finalHeaders = { 'X-Trino-Clear-Transaction-Id': 'true' };
      if (control.kind === 'commit' && transaction.aborted) return fail(query, statements.userError('TRANSACTION_ALREADY_ABORTED', 'Current transaction has already been aborted'));
      return;
    }
    if (transactionHeader !== undefined && transactionHeader !== 'NONE' && query.transaction === undefined) {
      return fail(query, statements.userError('UNKNOWN_TRANSACTION', `Unknown transaction ID: ${transactionHeader}`));
    }
    if (query.transaction?.aborted) return fail(query, statements.userError('TRANSACTION_ALREADY_ABORTED', 'Current transaction is aborted, commands ignored until end of transaction block'));
    const session = statements.sessionProperties(headers['x-trino-session'] as string | undefined);
    const limitText = session.get('query_max_run_time') ?? session.get('query_max_execution_time');
    const limitMs = statements.durationMs(limitText);
    query.statement = engine.start(statements.rewriteMetadataRelations(sql, options.catalog));
    if (limitMs !== undefined && options.enforceTimeLimits !== false) query.timer = setTimeout(() => fail(query, statements.timeLimitError(limitText ?? '')), limitMs);
    try {
      query.result = await query.statement.done;
      query.columns = trinoColumns(query.result.columns);
    } catch (error) {
      fail(query, statements.fromDuckDbError(error, query.transaction?.readOnly === true));
    } finally {
      clearTimeout(query.timer);
    }
  }

  function submit(sql: string, headers: http.IncomingHttpHeaders): EmulatedQuery {
    queryCounter += 1;
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14).replace(/^(\d{8})/, '$1_');
    const id = `${stamp}_${String(queryCounter).padStart(5, '0')}_emula`;
    const transactionHeader = headers['x-trino-transaction-id'] as string | undefined;
    const transaction = transactionHeader === undefined ? undefined : transactions.get(transactionHeader);
    const query: EmulatedQuery = {
      id,
      slug: crypto.randomBytes(8).toString('hex'),
      token: 0,
      settled: false,
      finished: false,
      done: Promise.resolve(),
      rowsSent: 0,
      columnsSent: false,
      finalHeaders: {},
      transaction,
    };
    query.done = execute(query, sql, headers).finally(() => (query.settled = true));
    queries.set(id, query);
    return query;
  }

  function nextPage(query: EmulatedQuery, base: string): { text: string; headers: Record<string, string> } {
    const next = (phase: string) => `${base}/v1/statement/${phase}/${query.id}/${query.slug}/${query.token + 1}`;
    const common = { id: query.id, infoUri: `${base}/ui/query.html?${query.id}`, warnings: [] };
    if (query.error !== undefined) {
      query.finished = true;
      return { text: JSON.stringify({ ...common, stats: { state: 'FAILED' }, error: query.error }), headers: {} };
    }
    if (!query.settled) return { text: JSON.stringify({ ...common, nextUri: next('executing'), stats: { state: 'RUNNING' } }), headers: {} };
    const columns = query.columns;
    if (columns !== undefined && !query.columnsSent) {
      query.columnsSent = true;
      return { text: JSON.stringify({ ...common, nextUri: next('executing'), columns, stats: { state: 'RUNNING' } }), headers: {} };
    }
    const rows = query.result?.rows ?? [];
    if (columns !== undefined && query.rowsSent < rows.length) {
      const page = rows.slice(query.rowsSent, query.rowsSent + pageSize);
      query.rowsSent += page.length;
      const head = JSON.stringify({ ...common, nextUri: next('executing'), columns, stats: { state: 'RUNNING' } });
      return { text: `${head.slice(0, -1)},"data":${trinoDataJson(page, columns)}}`, headers: {} };
    }
    const updateType = columns === undefined ? { updateType: 'TRANSACTION' } : {};
    query.finished = true;
    return { text: JSON.stringify({ ...common, ...(columns === undefined ? {} : { columns }), ...updateType, stats: { state: 'FINISHED' } }), headers: query.finalHeaders };
  }

  async function poll(request: http.IncomingMessage, match: RegExpExecArray): Promise<LoopbackReply> {
    const [, , id = '', slug = '', tokenText = ''] = match;
    const query = queries.get(id);
    const token = Number(tokenText);
    if (query === undefined || query.slug !== slug) return { status: 404, text: 'Query not found' };
    if (request.method === 'DELETE') {
      if (!query.finished && query.error === undefined) {
        cancelledQueries.push(query.id);
        fail(query, statements.userError('USER_CANCELED', 'Query was canceled'));
      }
      return { status: 204, text: '' };
    }
    if (query.lastPage !== undefined && token === query.lastPage.token) return { status: 200, text: query.lastPage.text, headers: query.lastPage.headers };
    if (token < query.token) return { status: 410, text: 'Gone' };
    if (token !== query.token + 1) return { status: 404, text: 'Query not found' };
    await Promise.race([query.done, new Promise((resolve) => setTimeout(resolve, pollWaitMs))]);
    query.token = token;
    const page = nextPage(query, baseUrl(request));
    query.lastPage = { token, ...page };
    return { status: 200, ...page };
  }

  async function route(request: http.IncomingMessage, body: string): Promise<LoopbackReply> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    if (failuresToSend > 0) {
      failuresToSend -= 1;
      return { status: 503, text: 'Service Unavailable' };
    }
    const refused = refusal(request);
    if (refused !== undefined) return { status: 401, text: refused, headers: { 'WWW-Authenticate': 'Basic realm="Trino"' } };
    if (url.pathname === '/v1/statement') {
      if (request.method !== 'POST') return { status: 405, text: 'Method Not Allowed' };
      if (body.trim() === '') return { status: 400, text: 'SQL statement is empty' };
      const query = submit(body, request.headers);
      const base = baseUrl(request);
      return {
        status: 200,
        text: JSON.stringify({ id: query.id, infoUri: `${base}/ui/query.html?${query.id}`, nextUri: `${base}/v1/statement/queued/${query.id}/${query.slug}/1`, stats: { state: 'QUEUED' }, warnings: [] }),
      };
    }
    const pollMatch = /^\/v1\/statement\/(queued|executing)\/([^/]+)\/([^/]+)\/(\d+)$/.exec(url.pathname);
    if (pollMatch !== null && (request.method === 'GET' || request.method === 'DELETE')) return poll(request, pollMatch);
    return { status: 404, text: `No resource at ${url.pathname}` };
  }

  const server = await startLoopbackServer(async (request, body) => {
    requests.push({ method: request.method ?? '', path: new URL(request.url ?? '/', 'http://emulator').pathname, headers: request.headers, body });
    const reply = await route(request, body);
    return { ...reply, headers: { 'content-type': reply.text.startsWith('{') ? 'application/json' : 'text/plain', ...reply.headers } };
  });
  return {
    server: server.url,
    requests,
    cancelledQueries,
    openTransactions: transactions,
    failNextRequests(count) {
      failuresToSend = count;
    },
    async close() {
      for (const query of queries.values()) query.statement?.interrupt();
      await server.close();
      await Promise.allSettled([...queries.values()].map((query) => query.done));
      await engine.close();
    },
  };
}
