import type { ServiceConfig } from './service-config.js';

/** The service settings the catalog and the pipeline read: the service config, read once at start-up. */
export type Settings = ServiceConfig;
