import type { ServiceConfig } from '../config/service-config.js';

/** The bounds of every federated answer, from the settings. */
export interface FederationLimits {
  /** Rows one part may move (SWITCHYARD_FEDERATION_PART_MAX_ROWS). */
  readonly partMaxRows: number;
  /** Bytes one part may move, as JSON (SWITCHYARD_FEDERATION_PART_MAX_BYTES). */
  readonly partMaxBytes: number;
  /** Memory limit of the combine step's DuckDB, in MB (SWITCHYARD_FEDERATION_COMBINE_MEMORY_MB). */
  readonly combineMemoryMb: number;
  /** Time the combine step may take, in milliseconds (SWITCHYARD_FEDERATION_COMBINE_TIMEOUT_MS). */
  readonly combineTimeoutMs: number;
}

/** The federation limits of a service configuration. */
export function federationLimits(
  settings: Pick<ServiceConfig, 'federationPartMaxRows' | 'federationPartMaxBytes' | 'federationCombineMemoryMb' | 'federationCombineTimeoutMs'>,
): FederationLimits {
  return {
    partMaxRows: settings.federationPartMaxRows,
    partMaxBytes: settings.federationPartMaxBytes,
    combineMemoryMb: settings.federationCombineMemoryMb,
    combineTimeoutMs: settings.federationCombineTimeoutMs,
  };
}
