import { SourceScope } from '../access/source-scope.js';
import { renderCsvLine } from '../rendering/csv-renderer.js';
import type { QueryRecord, QueryRecordStore } from '../conversation/query-record-store.js';
import type { FederationLimits } from '../federation/federation-limits.js';
import { answerSourceNames } from '../sources/answer-source-name.js';
import { FederatedStatementRunner } from './languages/federated/federated-query-language.js';
import type { StatementRunner } from './languages/query-language.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import { raceAbortReason } from './abort-reason-race.js';
import { statementRunnerFor } from './languages/source-language.js';
import type { PipelineCatalog, PipelineSources } from './pipeline-catalog.js';

/** Rows rendered per chunk written to the socket. */
const rowsPerChunk = 500;

/** A recorded query's full result as CSV. */
export interface CsvDownload {
  /** The CSV text in chunks, header line first. */
  readonly chunks: Iterable<string>;
  /** True when the row cap was reached. */
  readonly truncated: boolean;
}

function storedStatementRejected(reason: string, rule?: string): SwitchyardError {
  return new SwitchyardError('SWY_ERR_SQL_REJECTED', `The stored SQL was rejected: ${reason}`, { details: rule === undefined ? {} : { rule } });
}

/** How the recorded statement is checked and run again: on its one source, or federated over its sources again. */
function recordedStatementRunner(dependencies: DownloadDependencies, record: QueryRecord, request: DownloadRequest): StatementRunner {
  const { catalog, sources, guard, federationLimits } = dependencies;
  const scope = new SourceScope(request.allowedSources);
  const names = answerSourceNames(record.source);
  // A source's own maxRows is a safety limit on that source, so it caps the download as well.
  const maxRows = Math.min(...names.map((name) => sources.handle(name).maxRowsFor(request.rowCap)));
  if (names.length > 1) {
    const chosen = names.map((name) => catalog.source(name, scope));
    return new FederatedStatementRunner(
      { sources: chosen, handles: sources, allowedTables: record.allowedTables, maxRows, limits: federationLimits, signal: request.signal },
      { guard },
    );
  }
  const source = catalog.source(record.source, scope);
  // The handle's default schema is the answer's, so `schema.table` SQL that answered also downloads.
  return statementRunnerFor({ source, handle: sources.handle(record.source), allowedTables: record.allowedTables, maxRows, signal: request.signal }, { guard });
}

/** What a download reads: the catalog, the sources, the guard, the recorded queries and the federation limits. */
export interface DownloadDependencies {
  /** The current catalog snapshot. */
  readonly catalog: PipelineCatalog;
  /** The configured sources. */
  readonly sources: PipelineSources;
  /** The read-only guard. */
  readonly guard: SqlGuard;
  /** Recent queries; without it nothing downloads. */
  readonly queryRecords: QueryRecordStore | undefined;
  /** Per-part caps and combine limits, for a federated answer's download. */
  readonly federationLimits: FederationLimits;
}

/** Who asks for a download, and within which limits. */
export interface DownloadRequest {
  /** The `queryId` of the answer. */
  readonly queryId: string;
  /** Client name of the API key asking; undefined when auth is off. */
  readonly client: string | undefined;
  /** Sources the key may query; undefined means every source. */
  readonly allowedSources: ReadonlySet<string> | undefined;
  /** Most rows a download holds (SWITCHYARD_CSV_MAX_ROWS); a source's own `maxRows` lowers it. */
  readonly rowCap: number;
  /** Aborted when the client goes away or shutdown's grace period ends. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The full result of an answered question, for `rows.csv`. The recorded statement is run again rather
 * than the response rows replayed: the response holds at most maxRows rows, a download the full
 * result. The statement as the model wrote it is checked again by its language (the read-only guard,
 * with the current catalog's facts: a column marked PII since the answer is protected too) with the
 * download's row cap as its LIMIT, and run with the source's statement timeout.
 */
export async function downloadRecordedQuery(
  dependencies: DownloadDependencies,
  request: DownloadRequest,
): Promise<CsvDownload> {
  // Another client's id answers exactly like an unknown one, even when its key reaches the same source;
  // a client whose key no longer reaches the source learns nothing either, not even that the id exists.
  const record = dependencies.queryRecords?.get(request.queryId, request.client);
  const allowed = request.allowedSources;
  if (record === undefined || (allowed !== undefined && !answerSourceNames(record.source).every((name) => allowed.has(name)))) {
    throw new SwitchyardError('SWY_ERR_NOT_FOUND', 'This query is unknown or has expired; ask the question again.', { details: { queryId: request.queryId } });
  }
  const runner = recordedStatementRunner(dependencies, record, request);
  const statement = runner.reread(record.modelSql);
  if (statement.kind === 'unusable') throw storedStatementRejected(statement.error);
  const checked = await runner.check(statement);
  if (!checked.allowed) throw storedStatementRejected(checked.reason, checked.rule);
  const { result } = await raceAbortReason(runner.run(checked), request.signal);
  function* chunks(): Generator<string> {
    yield renderCsvLine(result.columns.map((column) => column.name)) + '\n';
    for (let start = 0; start < result.rows.length; start += rowsPerChunk) {
      yield result.rows.slice(start, start + rowsPerChunk).map((row) => renderCsvLine(row) + '\n').join('');
    }
  }
  return { chunks: chunks(), truncated: result.truncated };
}
