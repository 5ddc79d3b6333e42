import type { ApiClient, ApiKeyRegistry } from '../access/api-key-registry.js';
import { SourceScope } from '../access/source-scope.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

/** Who calls the MCP tools: the client of an API key (or nobody in particular when auth is off) and its sources. */
export interface McpCaller {
  /** The client of the key; undefined when auth is off. */
  readonly client: ApiClient | undefined;
  /** The sources it may query. */
  readonly scope: SourceScope;
}

/** The caller acting with `client`'s key, with the same source scope as on the REST API. */
export function mcpCaller(client: ApiClient | undefined): McpCaller {
  return { client, scope: new SourceScope(client?.allowedSources, client?.id) };
}

/**
 * The caller of the stdio server, which has no HTTP request to take a key from: the key comes from
 * SWITCHYARD_MCP_API_KEY, so a desktop client is held to the same client and sources as over HTTP.
 * When keys are on, a missing or unknown key stops the server at start, naming the setting.
 */
export function stdioCaller(apiKeys: ApiKeyRegistry, key: string | undefined): McpCaller {
  if (!apiKeys.enabled) return mcpCaller(undefined);
  const client = key === undefined ? undefined : apiKeys.identify(key);
  if (client === undefined) {
    throw new SwitchyardError(
      'SWY_ERR_CONFIG_INVALID',
      key === undefined
        ? 'API keys are on: set SWITCHYARD_MCP_API_KEY to the key the stdio server acts with'
        : 'SWITCHYARD_MCP_API_KEY is not one of the keys in SWITCHYARD_API_KEYS',
      { details: { variable: 'SWITCHYARD_MCP_API_KEY' } },
    );
  }
  return mcpCaller(client);
}
