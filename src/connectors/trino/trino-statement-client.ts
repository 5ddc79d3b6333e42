import { TrinoProtocolFailure, TrinoQueryFailure } from './trino-failures.js';
import { parseTrinoJson, type TrinoColumn, type TrinoQueryResults } from './trino-wire-format.js';

/*
 * Trino's REST client protocol spoken with Node's fetch. The `trino-client` package is not used: it
 * pins an old axios and takes no AbortSignal, so a caller's cancellation could not reach the query.
 */

/** How to reach the coordinator; the same for every statement of a source. */
export interface TrinoClientSettings {
  /** The coordinator's base URL; every `nextUri` must be on its origin. */
  readonly server: URL;
  /** Headers of every request: user, authorization, catalog, schema, source, time zone, tags. */
  readonly headers: Readonly<Record<string, string>>;
  /** How long one request may wait for its answer. */
  readonly requestTimeoutMs: number;
  /** The fetch implementation (the global one; tests pass one that goes through a TLS-terminating stand-in). */
  readonly fetch: typeof fetch;
}

/** One statement to run. */
export interface TrinoStatementRequest {
  /** The statement text, without a trailing semicolon (Trino refuses one). */
  readonly sql: string;
  /** Headers of this statement only: session properties, transaction id. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Rows to read at most; once more arrive, the rest of the query is cancelled. */
  readonly maxRows: number;
  /** Aborts the request in flight (the statement watch's signal). */
  readonly signal: AbortSignal;
  /** Told each `nextUri` before it is requested, so a watch can cancel the query there. */
  readonly onNextUri?: (nextUri: string | undefined) => void;
}

/** What a statement returned. */
export interface TrinoStatementResult {
  /** Result columns; empty for statements that return none. */
  readonly columns: readonly TrinoColumn[];
  /** Rows as Trino wrote them, at most `maxRows + 1`. */
  readonly rows: unknown[][];
  /** True when more rows existed and the query was cancelled after `maxRows + 1`. */
  readonly truncated: boolean;
  /** `X-Trino-Started-Transaction-Id` of any page (it arrives on a poll, not on the POST's answer). */
  readonly startedTransactionId?: string;
}

// The protocol asks clients to retry 502, 503 and 504 (gateways and load balancers send them) after
// 50-100 ms; 429 comes with Retry-After. The wait doubles, within these bounds.
const retriedStatuses = new Set([429, 502, 503, 504]);
const maximumRetries = 5;
const firstRetryDelayMs = 50;
const longestRetryDelayMs = 5_000;
// Trino holds a poll until data or progress is there; a server that answers empty pages at once is
// polled with a short, growing pause instead of in a tight loop.
const emptyPagePauseMs = 10;
const longestEmptyPagePauseMs = 200;

function pause(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(done, milliseconds);
    function done(): void {
      signal.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted(): void {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', aborted, { once: true });
  });
}

function retryDelayMs(response: Response, attempt: number): number {
  const retryAfterSeconds = Number(response.headers.get('retry-after'));
  const requested = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : firstRetryDelayMs * 2 ** attempt;
  return Math.min(requested, longestRetryDelayMs);
}

/** Runs statements on one coordinator: POST, follow `nextUri` to the end, cancel with DELETE. */
export class TrinoStatementClient {
  constructor(private readonly settings: TrinoClientSettings) {}

  /** Runs one statement to its last page, or until more than `maxRows` rows arrived. */
  async run(request: TrinoStatementRequest): Promise<TrinoStatementResult> {
    const headers = { ...this.settings.headers, ...request.headers };
    const statementUrl = new URL('v1/statement', this.settings.server.href.endsWith('/') ? this.settings.server : `${this.settings.server.href}/`);
    // The POST is not aborted with the statement: its answer holds the nextUri that cancels the query,
    // which would otherwise run on, unseen, until the coordinator gives up on its client.
    let page = await this.readPage(await this.send('POST', statementUrl, headers, { pauses: request.signal, body: request.sql }));
    if (request.signal.aborted) {
      if (page.results.nextUri !== undefined) await this.cancel(page.results.nextUri);
      throw request.signal.reason as Error;
    }
    let columns: readonly TrinoColumn[] = [];
    const rows: unknown[][] = [];
    let startedTransactionId = page.startedTransactionId;
    let emptyPages = 0;
    for (;;) {
      if (page.results.error !== undefined) throw new TrinoQueryFailure(page.results.error);
      const progressed = (page.results.data?.length ?? 0) > 0 || (page.results.columns !== undefined && columns.length === 0);
      if (page.results.columns !== undefined) columns = page.results.columns;
      for (const row of page.results.data ?? []) rows.push(row);
      startedTransactionId ??= page.startedTransactionId;
      const nextUri = page.results.nextUri;
      if (nextUri === undefined) {
        request.onNextUri?.(undefined);
        return { columns, rows: rows.slice(0, request.maxRows + 1), truncated: rows.length > request.maxRows, ...(startedTransactionId === undefined ? {} : { startedTransactionId }) };
      }
      if (rows.length > request.maxRows) {
        // Enough rows: the rest of the query is cancelled, not read.
        request.onNextUri?.(undefined);
        await this.cancel(nextUri);
        return { columns, rows: rows.slice(0, request.maxRows + 1), truncated: true, ...(startedTransactionId === undefined ? {} : { startedTransactionId }) };
      }
      emptyPages = progressed ? 0 : emptyPages + 1;
      if (emptyPages > 1) await pause(Math.min(emptyPagePauseMs * 2 ** (emptyPages - 2), longestEmptyPagePauseMs), request.signal);
      request.onNextUri?.(nextUri);
      page = await this.readPage(await this.send('GET', this.onServer(nextUri), headers, { abort: request.signal, pauses: request.signal }));
    }
  }

  /** Cancels a query at its `nextUri` (DELETE); failures are ignored, the query may have just ended. */
  async cancel(nextUri: string): Promise<void> {
    try {
      const response = await this.settings.fetch(this.onServer(nextUri), {
        method: 'DELETE',
        headers: this.settings.headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
      });
      await response.body?.cancel();
    } catch {
      // Nothing to do: the coordinator ends an abandoned query after its client timeout anyway.
    }
  }

  /** The `nextUri` as a URL, refused unless it is on the configured server (credentials go with it). */
  private onServer(nextUri: string): URL {
    const url = new URL(nextUri, this.settings.server);
    if (url.origin !== this.settings.server.origin) {
      throw new TrinoProtocolFailure(
        0,
        'Trino pointed the next page at another server than connection.server; set connection.server to the address Trino advertises, or http-server.process-forwarded=true on a coordinator behind a proxy',
        { cause: new Error(`nextUri origin ${url.origin}`) },
      );
    }
    return url;
  }

  /**
   * Sends one request, retrying what the protocol says to retry; redirects are not followed. `abort`
   * aborts the request itself, `pauses` the waits between retries.
   */
  private async send(
    method: string,
    url: URL,
    headers: Record<string, string>,
    options: { readonly abort?: AbortSignal; readonly pauses: AbortSignal; readonly body?: string },
  ): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      const timeout = AbortSignal.timeout(this.settings.requestTimeoutMs);
      const response = await this.settings.fetch(url, {
        method,
        headers,
        redirect: 'manual',
        signal: options.abort === undefined ? timeout : AbortSignal.any([options.abort, timeout]),
        ...(options.body === undefined ? {} : { body: options.body }),
      });
      if (!retriedStatuses.has(response.status) || attempt >= maximumRetries) return response;
      await response.body?.cancel();
      await pause(retryDelayMs(response, attempt), options.pauses);
    }
  }

  private async readPage(response: Response): Promise<{ results: TrinoQueryResults; startedTransactionId?: string }> {
    const text = await response.text();
    if (response.status !== 200) {
      throw new TrinoProtocolFailure(response.status, `HTTP ${response.status}${text.trim() === '' ? '' : `: ${text.trim().slice(0, 300)}`}`);
    }
    let results: TrinoQueryResults;
    try {
      results = parseTrinoJson(text) as TrinoQueryResults;
    } catch (error) {
      throw new TrinoProtocolFailure(0, 'the coordinator answered with a body that is not JSON', { cause: error });
    }
    if (typeof results !== 'object' || results === null) throw new TrinoProtocolFailure(0, 'the coordinator answered with a body that is no query result');
    const startedTransactionId = response.headers.get('x-trino-started-transaction-id') ?? undefined;
    return { results, ...(startedTransactionId === undefined ? {} : { startedTransactionId }) };
  }
}
