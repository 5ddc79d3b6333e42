import type { CatalogService } from '../catalog/catalog-service.js';
import type { SourceHandle } from '../sources/source-handle.js';

/**
 * What the pipeline reads of the catalog: the current snapshot of every source's metadata. A narrow
 * view, so a test can run the pipeline on a catalog of its own making.
 */
export type PipelineCatalog = Pick<CatalogService, 'snapshot' | 'isLoaded' | 'onSnapshot' | 'source'>;

/** What the pipeline reads of one configured source: how to reach it and the limits sources.yaml sets on it. */
export type PipelineSourceHandle = Pick<SourceHandle, 'connector' | 'requestLanguage' | 'timeoutMs' | 'defaultSchema' | 'maxRowsFor' | 'nextLoadAttemptAt' | 'federates'>;

/** What the pipeline reads of the configured sources. */
export interface PipelineSources {
  /** The named source's handle; SWY_ERR_SOURCE_NOT_FOUND when none is configured by that name. */
  handle(name: string): PipelineSourceHandle;
  /** Loads an unavailable source now rather than at its next retry, once its server answers a ping. */
  retryLoadNow(name: string): void;
}
