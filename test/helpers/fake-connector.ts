import type { Connector, ConnectorCapabilities, ExecuteOptions, IntrospectedTable, QueryResult } from '../../src/connectors/connector.js';
import type { SourceDialectName } from '../../src/dialects/sql-dialect.js';

/** Rows to return, as a result or as plain rows (columns then come from `columns`). */
export type ScriptedRows = QueryResult | { readonly rows: unknown[][] };

/** One scripted outcome of `execute`: rows, an error to throw, or a function of the statement. */
export type ScriptedOutcome = ScriptedRows | Error | ((sql: string, options: ExecuteOptions) => ScriptedRows | Promise<ScriptedRows>);

/** One call of `execute`, as the connector received it. */
export interface RecordedExecution {
  /** The statement. */
  readonly sql: string;
  /** The limits it came with. */
  readonly options: ExecuteOptions;
}

/** How a fake connector answers. */
export interface FakeConnectorOptions {
  /** Source name. */
  readonly sourceName: string;
  /** What the source speaks; default `duckdb`. */
  readonly dialect?: SourceDialectName;
  /** What `introspect` lists. */
  readonly tables?: IntrospectedTable[];
  /** Columns of plain scripted rows; default one `value` column. */
  readonly columns?: QueryResult['columns'];
  /** Outcomes of `execute`, in order. */
  readonly outcomes?: ScriptedOutcome[];
  /** Answers every call after the script runs out; without it, extra calls fail the test. */
  readonly fallback?: ScriptedOutcome;
}

const noCapabilities: ConnectorCapabilities = { readOnlyTransactions: false, statementTimeout: false, cancel: false, streaming: false, bytesScanned: false };

/**
 * Test double of a connector: answers `execute` from a script of rows and errors, records every call,
 * and cuts rows at the call's `maxRows` as a real connector does. It runs no SQL; it lets a test decide
 * exactly what "the source" returns and inspect what it was asked.
 */
export class FakeConnector implements Connector {
  readonly sourceName: string;
  readonly kind = 'fake';
  readonly dialect: SourceDialectName;
  readonly capabilities = noCapabilities;
  /** Every `execute` call, in order. */
  readonly calls: RecordedExecution[] = [];
  /** How many times `ping` was called. */
  pings = 0;
  readonly #tables: IntrospectedTable[];
  readonly #columns: QueryResult['columns'];
  readonly #outcomes: ScriptedOutcome[];
  readonly #fallback: ScriptedOutcome | undefined;

  constructor(options: FakeConnectorOptions) {
    this.sourceName = options.sourceName;
    this.dialect = options.dialect ?? 'duckdb';
    this.#tables = options.tables ?? [];
    this.#columns = options.columns ?? [{ name: 'value', type: 'integer' }];
    this.#outcomes = [...(options.outcomes ?? [])];
    this.#fallback = options.fallback;
  }

  /** Adds outcomes to the end of the script. */
  script(...outcomes: ScriptedOutcome[]): void {
    this.#outcomes.push(...outcomes);
  }

  async execute(sql: string, options: ExecuteOptions): Promise<QueryResult> {
    this.calls.push({ sql, options });
    const outcome = this.#outcomes.shift() ?? this.#fallback;
    if (outcome === undefined) throw new Error(`FakeConnector ${this.sourceName}: no outcome scripted for call ${this.calls.length}`);
    if (outcome instanceof Error) throw outcome;
    const scripted = typeof outcome === 'function' ? await outcome(sql, options) : outcome;
    const columns = 'columns' in scripted ? scripted.columns : this.#columns;
    const truncated = scripted.rows.length > options.maxRows || ('truncated' in scripted && scripted.truncated === true);
    return { columns, rows: scripted.rows.slice(0, options.maxRows), truncated };
  }

  async introspect(): Promise<IntrospectedTable[]> {
    return this.#tables;
  }

  async ping(): Promise<void> {
    this.pings += 1;
  }

  async close(): Promise<void> {}
}
