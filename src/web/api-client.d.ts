// Types of api-client.js for the TypeScript tests that import it; the browser loads the .js as is.

/** Where the page keeps the API key between requests (sessionStorage in the page). */
export interface KeyStorage {
  /** The stored value, or null. */
  getItem(key: string): string | null;
  /** Stores a value. */
  setItem(key: string, value: string): void;
  /** Removes a value. */
  removeItem(key: string): void;
}

/** What a 401 tells the page. */
export interface UnauthorizedNotice {
  /** True when a key was sent and refused, false when none was set. */
  readonly keySent: boolean;
}

/** Options of createApiFetch. */
export interface ApiFetchOptions {
  /** Where the key is read from on every request. */
  readonly store: ApiKeyStore;
  /** Called on every 401 response. */
  readonly onUnauthorized?: (notice: UnauthorizedNotice) => void;
  /** The fetch to wrap; default is the global one. */
  readonly fetchImpl?: typeof fetch;
}

/** The service's error body. */
export interface ErrorBody {
  /** The stable code and message. */
  readonly error: { readonly code: string; readonly message: string; readonly details?: Record<string, unknown> };
}

export declare const apiKeyItem: string;
export declare function withApiKey(headers: HeadersInit | undefined, apiKey: string): Headers;
export declare class ApiKeyStore {
  constructor(storage: KeyStorage | null | undefined);
  get(): string;
  set(apiKey: string): void;
  clear(): void;
}
export declare function createApiFetch(options: ApiFetchOptions): (url: string, init?: RequestInit) => Promise<Response>;
export declare function errorBody(response: Response): Promise<ErrorBody>;
export declare function attachmentFileName(contentDisposition: string | null | undefined, fallback: string): string;
