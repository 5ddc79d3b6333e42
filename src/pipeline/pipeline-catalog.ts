import type { CatalogService } from '../catalog/catalog-service.js';

/**
 * What the pipeline reads of the catalog: the current snapshot, each source's connector and limits,
 * and the load retry of a source that failed. A narrow view, so a test can run the pipeline on a
 * catalog of its own making.
 */
export type PipelineCatalog = Pick<
  CatalogService,
  'snapshot' | 'isLoaded' | 'onSnapshot' | 'source' | 'connector' | 'timeoutFor' | 'maxRowsFor' | 'defaultSchemaFor' | 'retryLoadNow' | 'nextLoadAttemptAt'
>;
