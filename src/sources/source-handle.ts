import type { SourceConfig } from './source-config.js';
import type { Connector, RequestLanguage } from '../connectors/connector.js';
import type { SourceDialectName } from '../dialects/sql-dialect.js';
import type { SourceStatus } from './source-status.js';
import { federatedCatalogsOf } from './trino-federation.js';

/**
 * One configured source as the rest of the service uses it: its connector (behind a breaker, a
 * bulkhead and retries), the limits sources.yaml sets on it, and its load state. Whatever runs a
 * statement on a source asks its handle, so a source's timeout, row cap and default schema are
 * worked out in one place.
 */
export class SourceHandle {
  /** Source name, unique in sources.yaml. */
  readonly name: string;
  /** Connector kind (`duckdb`, `postgres`, `rest`, …). */
  readonly kind: SourceConfig['kind'];
  /** The SQL dialect its engine speaks (a REST source names the one its connector declares). */
  readonly dialect: SourceDialectName;
  /** What requests to it are written in: SQL, or one HTTP GET built from a validated plan. */
  readonly requestLanguage: RequestLanguage;
  /** Its one-line description in sources.yaml; an overlay may replace it in the catalog. */
  readonly description: string;
  /** Its connector, wrapped with the source's resilience policies. */
  readonly connector: Connector;
  /** Statement timeout in milliseconds: the source's own `timeoutMs`, else the service default. */
  readonly timeoutMs: number;
  /** The source's own cap on the rows one read returns (`maxRows`), when sources.yaml sets one. */
  readonly maxRows: number | undefined;
  /** The schema its connection names (`connection.schema`), which the guard treats as its default. */
  readonly defaultSchema: string | undefined;
  /** Sources whose tables its engine reads itself → their `catalog.schema` there, its own included; empty for most (see findFederatingSource). */
  readonly federates: ReadonlyMap<string, string>;
  readonly #loadState: { status(): SourceStatus | undefined; nextAttemptAt(): number | undefined };

  /** `loadState` reads what the registry tracks for the source, so the handle never holds a stale copy. */
  constructor(
    config: SourceConfig,
    connector: Connector,
    statementTimeoutMs: number,
    loadState: { status(): SourceStatus | undefined; nextAttemptAt(): number | undefined },
  ) {
    this.name = config.name;
    this.kind = config.kind;
    this.dialect = connector.dialect;
    this.requestLanguage = connector.requestLanguage ?? 'sql';
    this.description = config.description;
    this.connector = connector;
    this.timeoutMs = config.timeoutMs ?? statementTimeoutMs;
    this.maxRows = config.maxRows;
    const connection = config.connection;
    this.defaultSchema = 'schema' in connection && typeof connection.schema === 'string' ? connection.schema : undefined;
    this.federates = federatedCatalogsOf(config);
    this.#loadState = loadState;
  }

  /** The load state the catalog serves for the source; undefined before the first snapshot. */
  get status(): SourceStatus | undefined {
    return this.#loadState.status();
  }

  /** When the next load of the source is due while it is unavailable (epoch milliseconds), or undefined. */
  get nextLoadAttemptAt(): number | undefined {
    return this.#loadState.nextAttemptAt();
  }

  /** The rows a read of the source may return: `requested`, lowered to its own `maxRows` when it sets one. */
  maxRowsFor(requested: number): number {
    return Math.min(requested, this.maxRows ?? requested);
  }
}
