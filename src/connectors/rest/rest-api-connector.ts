import path from 'node:path';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { ConnectorSource } from '../connector-source.js';
import type {
  Connector,
  ConnectorCapabilities,
  ExecuteOptions,
  HttpRequestPlan,
  HttpRequestPlanner,
  IntrospectedTable,
  QueryResult,
} from '../connector.js';
import { asSourceUnavailable, closedSourceError } from '../common/source-unavailable.js';
import { loadOpenApiDocument, type OpenApiDocument, type OpenApiGetOperation } from './openapi-document.js';
import { describeOperation } from './openapi-operation-text.js';
import { validateOperationParameters } from './openapi-parameter-validator.js';
import { parseRequestText, renderRequestTarget, renderRequestText } from './openapi-request-text.js';
import { exampleRows, responseColumns } from './openapi-response-columns.js';
import type { RestConnection } from './rest-connection-schema.js';
import { getJson } from './rest-http-client.js';
import { flattenJson } from './rest-response-flattener.js';

const documentTimeoutMs = 10_000;
const pingTimeoutMs = 5_000;
const defaultMaxResponseBytes = 10 * 1024 * 1024;

/**
 * A REST API described by an OpenAPI 3 document. The model never writes a URL: it picks one GET
 * operation and fills its parameters (a plan), which is validated against the operation's
 * parameter schema and rendered as request text; `execute` reads that text back against the
 * document, validates it again and sends it to the configured server only. The JSON response is
 * flattened into rows. GET is the only method, so there is nothing to make read-only.
 */
export class RestApiConnector implements Connector {
  readonly kind = 'rest';
  readonly dialect = 'openapi' as const;
  readonly requestLanguage = 'http-get' as const;
  readonly capabilities: ConnectorCapabilities = {
    readOnlyTransactions: false,
    statementTimeout: true,
    cancel: true,
    streaming: false,
    bytesScanned: false,
  };
  readonly sourceName: string;
  readonly httpRequests: HttpRequestPlanner;
  readonly #connection: RestConnection;
  readonly #inflight = new Set<AbortController>();
  #document: Promise<OpenApiDocument> | undefined;
  #closed = false;

  constructor(config: ConnectorSource<RestConnection>) {
    this.sourceName = config.name;
    this.#connection = config.connection;
    this.httpRequests = {
      describeOperation: (operation) => this.#validPlanOperation({ operation, parameters: {} }, false),
      describeOperations: async (operations) => {
        const wanted = new Set(operations);
        return (await this.#loadDocument()).operations.filter((operation) => wanted.has(operation.operationId)).map(describeOperation).join('\n\n');
      },
      renderRequest: async (plan) => {
        const operation = await this.#validPlanOperation(plan);
        return renderRequestText(operation, plan.parameters);
      },
    };
  }

  /** The document's location: a URL as given, a relative file path against the working directory. */
  get #documentLocation(): string {
    const location = this.#connection.document;
    return /^https?:\/\//i.test(location) ? location : path.resolve(location);
  }

  #loadDocument(reload = false): Promise<OpenApiDocument> {
    if (this.#document === undefined || reload) {
      const loading = loadOpenApiDocument(this.#documentLocation, this.sourceName, documentTimeoutMs);
      // A failed load is not cached, so the next call tries again.
      loading.catch(() => {
        if (this.#document === loading) this.#document = undefined;
      });
      this.#document = loading;
    }
    return this.#document;
  }

  async #baseUrl(): Promise<URL> {
    const configured = this.#connection.baseUrl ?? (await this.#loadDocument()).servers[0];
    if (configured === undefined || !/^https?:\/\//i.test(configured)) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Source "${this.sourceName}" has no http(s) server: set connection.baseUrl or the document's servers`, {
        details: { source: this.sourceName },
      });
    }
    return new URL(configured);
  }

  /** The plan's operation; with `checkParameters` (the default) its parameters are validated too. */
  async #validPlanOperation(plan: HttpRequestPlan, checkParameters = true): Promise<OpenApiGetOperation> {
    const document = await this.#loadDocument();
    const operation = document.operations.find((candidate) => candidate.operationId === plan.operation);
    if (operation === undefined) {
      throw new SwitchyardError(
        'SWY_ERR_QUERY_FAILED',
        `"${plan.operation}" is not a GET operation of source "${this.sourceName}"; choose one of: ${document.operations.map((candidate) => candidate.operationId).join(', ')}`,
        { details: { source: this.sourceName, operation: plan.operation } },
      );
    }
    const problems = checkParameters ? validateOperationParameters(operation, plan.parameters) : [];
    if (problems.length > 0) {
      throw new SwitchyardError('SWY_ERR_QUERY_FAILED', `Invalid parameters for ${operation.operationId}: ${problems.join('; ')}`, {
        details: { source: this.sourceName, operation: operation.operationId, problems },
      });
    }
    return operation;
  }

  /** Sends a validated plan to the configured server and flattens the JSON response into rows. */
  async executePlan(plan: HttpRequestPlan, options: ExecuteOptions): Promise<QueryResult> {
    if (this.#closed) throw closedSourceError(this.sourceName);
    const operation = await this.#validPlanOperation(plan);
    const base = await this.#baseUrl();
    // The target is built from the document's path template with encoded values, then joined to the
    // configured server; the origin check is a second lock on "never a host the model chose".
    const url = new URL(`${base.pathname.replace(/\/$/, '')}${renderRequestTarget(operation, plan.parameters)}`, base);
    if (url.origin !== base.origin) throw new SwitchyardError('SWY_ERR_QUERY_FAILED', 'The request left the configured server', { details: { source: this.sourceName } });
    const controller = new AbortController();
    this.#inflight.add(controller);
    try {
      const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
      const body = await getJson({
        sourceName: this.sourceName,
        url,
        requestText: renderRequestText(operation, plan.parameters),
        headers: this.#connection.headers ?? {},
        timeoutMs: options.timeoutMs,
        signal,
        maxResponseBytes: this.#connection.maxResponseBytes ?? defaultMaxResponseBytes,
      });
      const { columns, rows } = flattenJson(body);
      return { columns, rows: rows.slice(0, options.maxRows), truncated: rows.length > options.maxRows };
    } finally {
      this.#inflight.delete(controller);
    }
  }

  /** Takes request text (`GET /path?query`) as rendered from a validated plan; anything else is refused. */
  async execute(requestText: string, options: ExecuteOptions): Promise<QueryResult> {
    if (this.#closed) throw closedSourceError(this.sourceName);
    const plan = parseRequestText(requestText, (await this.#loadDocument()).operations);
    if (plan === undefined) {
      throw new SwitchyardError('SWY_ERR_QUERY_FAILED', `Source "${this.sourceName}" only takes GET requests for the operations of its OpenAPI document`, {
        details: { source: this.sourceName },
      });
    }
    return this.executePlan(plan, options);
  }

  /** Each GET operation as a table: columns from the response schema, sample rows from the document's examples. */
  async introspect(): Promise<IntrospectedTable[]> {
    if (this.#closed) throw closedSourceError(this.sourceName);
    const document = await this.#loadDocument(true);
    return document.operations.map((operation) => {
      const columns = responseColumns(operation);
      const comment = operation.summary ?? operation.description;
      return { name: operation.operationId, columns, sampleRows: exampleRows(operation, columns), ...(comment ? { comment } : {}) };
    });
  }

  /** Any HTTP answer from the server's base URL below 500 means it is up; a refused connection or 5xx means it is not. */
  async ping(): Promise<void> {
    if (this.#closed) throw closedSourceError(this.sourceName);
    let base: URL;
    try {
      base = await this.#baseUrl();
    } catch (error) {
      throw SwitchyardError.isInstance(error) ? asSourceUnavailable(error, this.sourceName, error) : error;
    }
    let status: number;
    try {
      const response = await fetch(base, { method: 'GET', redirect: 'manual', headers: this.#connection.headers ?? {}, signal: AbortSignal.timeout(pingTimeoutMs) });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${this.sourceName}" did not answer: ${code}`, { details: { source: this.sourceName }, cause: error });
    }
    if (status >= 500) {
      throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${this.sourceName}" answered HTTP ${status}`, { details: { source: this.sourceName, status } });
    }
  }

  /** Aborts requests in flight; idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const controller of this.#inflight) controller.abort();
    this.#inflight.clear();
  }
}
