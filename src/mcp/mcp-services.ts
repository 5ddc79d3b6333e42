import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from '../audit/audit-log.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { Settings } from '../config/settings.js';
import type { QueryRecordStore } from '../conversation/query-record-store.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import type { QueryPipeline } from '../pipeline/query-pipeline.js';
import type { SourceRegistry } from '../sources/source-registry.js';
import type { CatalogSearch } from './catalog-search.js';

/** The services the MCP tools and resources use: the same ones the REST routes use, built once per process. */
export interface McpServices {
  /** Server version, as `initialize` reports it. */
  readonly version: string;
  /** The current catalog snapshot. */
  readonly catalog: CatalogService;
  /** The configured sources: connectors, timeouts, row caps. */
  readonly sources: SourceRegistry;
  /** Routing's lexical retrieval, for search_catalog. */
  readonly search: CatalogSearch;
  /** The read-only guard. */
  readonly guard: SqlGuard;
  /** The question pipeline behind POST /query (with its caches). */
  readonly pipeline: Pick<QueryPipeline, 'run'>;
  /** Recent queries by id, behind get_rows and the CSV resource. */
  readonly queryRecords: QueryRecordStore;
  /** The service config, read once at start-up: the row caps and the SWITCHYARD_MCP_* settings. */
  readonly settings: Settings;
  /** Metrics registry, when the metrics plugin is on. */
  readonly metrics: ServiceMetrics | undefined;
  /** Audit destination, when configured. */
  readonly audit: AuditLog | undefined;
  /** The service logger. */
  readonly log: FastifyBaseLogger;
  /** Aborted when shutdown's grace period ends: every running tool call stops then. */
  readonly shutdownSignal: AbortSignal;
}
