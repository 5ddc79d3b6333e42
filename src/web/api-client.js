// How the page talks to the service when API keys are on: every request carries the key the user
// entered as X-API-Key, and a 401 is reported so the page can ask for one. No DOM access here, so
// vitest runs this module in Node against the real service (test/web/api-client.test.ts).

/** The sessionStorage item holding the key. */
export const apiKeyItem = 'switchyard.apiKey';

/** The given headers plus X-API-Key when a key is set; without a key the request is unchanged. */
export function withApiKey(headers, apiKey) {
  const merged = new Headers(headers);
  if (apiKey) merged.set('x-api-key', apiKey);
  return merged;
}

/**
 * Holds the key in the Storage it is given; the page gives it sessionStorage, not localStorage: the
 * key is a credential, so it should die with the tab instead of staying on disk for whoever opens the
 * browser next. Without a usable storage (disabled by policy) the key lives in memory for the page.
 */
export class ApiKeyStore {
  #storage;
  #memory = '';

  constructor(storage) {
    this.#storage = storage ?? undefined;
  }

  /** The key, or '' when none is set. */
  get() {
    return this.#storage ? (this.#storage.getItem(apiKeyItem) ?? '') : this.#memory;
  }

  /** Keeps the key (trimmed: a pasted key often ends in a newline); a blank key clears it. */
  set(apiKey) {
    const trimmed = String(apiKey ?? '').trim();
    if (trimmed === '') return this.clear();
    if (this.#storage) this.#storage.setItem(apiKeyItem, trimmed);
    else this.#memory = trimmed;
  }

  /** Forgets the key. */
  clear() {
    this.#storage?.removeItem(apiKeyItem);
    this.#memory = '';
  }
}

/**
 * A fetch() that sends the stored key and calls onUnauthorized({ keySent }) on a 401, so the page
 * can tell "no key" from "a wrong key". The response is returned either way.
 */
export function createApiFetch({ store, onUnauthorized, fetchImpl = globalThis.fetch }) {
  return async (url, init = {}) => {
    const apiKey = store.get();
    const response = await fetchImpl(url, { ...init, headers: withApiKey(init.headers, apiKey) });
    if (response.status === 401) onUnauthorized?.({ keySent: apiKey !== '' });
    return response;
  };
}

/** The error body of a failed response; a body that is not the service's JSON error becomes one. */
export async function errorBody(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body?.error?.message !== undefined) return body;
  } catch {
    // Not JSON (a proxy's error page, say): fall through to the status line.
  }
  return { error: { code: `HTTP_${response.status}`, message: response.statusText || `The request failed with status ${response.status}` } };
}

/** The file name a Content-Disposition header gives, or the fallback. */
export function attachmentFileName(contentDisposition, fallback) {
  const match = /filename="([^"]+)"/i.exec(contentDisposition ?? '');
  return match ? match[1] : fallback;
}
