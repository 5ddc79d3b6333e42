import crypto from 'node:crypto';
import type { ServiceConfig } from '../config/service-config.js';
import { SwitchyardError } from '../errors/switchyard-error.js';

/** A client identified by its API key. */
export interface ApiClient {
  /** Client name, written to logs, metrics and the audit log (never the key). */
  readonly id: string;
  /** Sources the client may query; undefined means every source. */
  readonly allowedSources: ReadonlySet<string> | undefined;
}

/**
 * When a key is required: `auto` (whenever keys are configured; a catalog other than the demo then
 * refuses to start without keys), `required` or `off`.
 */
export type AuthMode = ServiceConfig['auth'];

interface KeyEntry {
  client?: unknown;
  keySha256?: unknown;
  sources?: unknown;
}

function invalid(message: string): SwitchyardError {
  return new SwitchyardError('SWY_ERR_CONFIG_INVALID', `SWITCHYARD_API_KEYS: ${message}`, { details: { variable: 'SWITCHYARD_API_KEYS' } });
}

/** SHA-256 of a key, hex: what SWITCHYARD_API_KEYS stores instead of the key. */
export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * API keys from the environment, stored as SHA-256 hashes only. API keys are long random tokens, so
 * a fast hash is enough (no dictionary to attack) and keeps the check cheap on every request.
 */
export class ApiKeyRegistry {
  readonly #clientsByHash: Map<string, ApiClient>;
  readonly #enabled: boolean;
  readonly #mode: AuthMode;

  private constructor(clients: Map<string, ApiClient>, mode: AuthMode) {
    this.#clientsByHash = clients;
    this.#mode = mode;
    this.#enabled = mode === 'required' || (mode === 'auto' && clients.size > 0);
  }

  /**
   * From SWITCHYARD_AUTH and SWITCHYARD_API_KEYS (a JSON array of
   * `{ "client": "bi", "keySha256": "<64 hex>", "sources": ["sales"] | "*" }`), checked entry by entry.
   */
  static fromConfig(config: Pick<ServiceConfig, 'auth' | 'apiKeys'>): ApiKeyRegistry {
    const mode = config.auth;
    const raw = config.apiKeys;
    const clients = new Map<string, ApiClient>();
    if (raw) {
      let entries: unknown;
      try {
        entries = JSON.parse(raw);
      } catch {
        throw invalid('must be a JSON array');
      }
      if (!Array.isArray(entries)) throw invalid('must be a JSON array');
      for (const [index, entry] of (entries as KeyEntry[]).entries()) {
        if (typeof entry.client !== 'string' || entry.client.length === 0) throw invalid(`entry ${index} needs a "client" name`);
        if (typeof entry.keySha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(entry.keySha256)) {
          throw invalid(`entry ${index} needs "keySha256", the 64 hex digits of the key's SHA-256`);
        }
        const sources = entry.sources ?? '*';
        if (sources !== '*' && !(Array.isArray(sources) && sources.every((name) => typeof name === 'string'))) {
          throw invalid(`entry ${index}: "sources" must be "*" or a list of source names`);
        }
        clients.set(entry.keySha256.toLowerCase(), {
          id: entry.client,
          allowedSources: sources === '*' ? undefined : new Set(sources as string[]),
        });
      }
    }
    if (mode === 'required' && clients.size === 0) throw invalid('SWITCHYARD_AUTH=required but no keys are configured');
    return new ApiKeyRegistry(clients, mode);
  }

  /**
   * Auth is on by default outside the demo: a real catalog with no keys refuses to start unless
   * SWITCHYARD_AUTH=off says, on purpose, that something in front of the service authenticates.
   */
  assertSecuredFor(catalog: { readonly demo: boolean }): void {
    if (catalog.demo || this.#enabled || this.#mode === 'off') return;
    throw new SwitchyardError(
      'SWY_ERR_CONFIG_INVALID',
      'Auth is on by default outside the demo and no API keys are configured: set SWITCHYARD_API_KEYS, or SWITCHYARD_AUTH=off when a gateway in front of Switchyard authenticates clients',
      { details: { variable: 'SWITCHYARD_API_KEYS' } },
    );
  }

  /** Whether requests must present a key. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** The client owning `key`, or undefined for an unknown key. */
  identify(key: string): ApiClient | undefined {
    const presented = Buffer.from(hashApiKey(key), 'hex');
    for (const [hash, client] of this.#clientsByHash) {
      // Constant-time per comparison so response time does not reveal how much of a hash matched.
      if (crypto.timingSafeEqual(presented, Buffer.from(hash, 'hex'))) return client;
    }
    return undefined;
  }
}
