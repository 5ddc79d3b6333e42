import { SwitchyardError } from '../errors/switchyard-error.js';
import { readEnvironmentInteger } from './environment-integer.js';

/** Settings of the Model Context Protocol endpoint (/mcp) and the stdio server. */
export interface McpSettings {
  /**
   * Browser origins allowed to call /mcp besides loopback ones (SWITCHYARD_MCP_ALLOWED_ORIGINS,
   * comma-separated, e.g. `https://agents.example.com`); a request with any other Origin is refused.
   */
  readonly allowedOrigins: readonly string[];
  /** Rows one tool result shows at most (SWITCHYARD_MCP_MAX_ROWS, default 50); get_rows pages through the rest. */
  readonly maxResultRows: number;
  /** Bytes of JSON one tool result's rows may take (SWITCHYARD_MCP_MAX_RESULT_BYTES, default 256 KiB); rows past it are left to get_rows. */
  readonly maxResultBytes: number;
  /** Bytes one CSV resource read returns at most (SWITCHYARD_MCP_MAX_CSV_BYTES, default 8 MiB); the REST download has no such cap. */
  readonly maxCsvBytes: number;
  /** Sessions kept open at once over HTTP (SWITCHYARD_MCP_MAX_SESSIONS, default 1000); the least recently used one closes past it. */
  readonly maxSessions: number;
  /** Seconds a session may stay unused before it closes (SWITCHYARD_MCP_SESSION_IDLE_SECONDS, default 3600). */
  readonly sessionIdleSeconds: number;
  /** The API key the stdio server acts with (SWITCHYARD_MCP_API_KEY); required there whenever API keys are on. */
  readonly stdioApiKey: string | undefined;
}

function readOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    // An origin is scheme, host and port only; anything else would never equal a browser's Origin header.
    if (parsed === undefined || parsed.origin !== origin) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SWITCHYARD_MCP_ALLOWED_ORIGINS: "${origin}" is not an origin like https://host:port (no path, no trailing slash)`, {
        details: { variable: 'SWITCHYARD_MCP_ALLOWED_ORIGINS' },
      });
    }
  }
  return origins;
}

/** Reads the MCP settings; a malformed value fails start-up naming the variable. */
export function readMcpSettings(environment: NodeJS.ProcessEnv): McpSettings {
  const key = environment.SWITCHYARD_MCP_API_KEY?.trim();
  return {
    allowedOrigins: readOrigins(environment.SWITCHYARD_MCP_ALLOWED_ORIGINS),
    maxResultRows: readEnvironmentInteger(environment, 'SWITCHYARD_MCP_MAX_ROWS', 50, 1),
    maxResultBytes: readEnvironmentInteger(environment, 'SWITCHYARD_MCP_MAX_RESULT_BYTES', 256 * 1024, 1024),
    maxCsvBytes: readEnvironmentInteger(environment, 'SWITCHYARD_MCP_MAX_CSV_BYTES', 8 * 1024 * 1024, 1024),
    maxSessions: readEnvironmentInteger(environment, 'SWITCHYARD_MCP_MAX_SESSIONS', 1000, 1),
    sessionIdleSeconds: readEnvironmentInteger(environment, 'SWITCHYARD_MCP_SESSION_IDLE_SECONDS', 3600, 1),
    stdioApiKey: key === undefined || key === '' ? undefined : key,
  };
}
