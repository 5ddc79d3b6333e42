/** What a probe of the model server found. */
export interface ModelServerProbeResult {
  /**
   * `ok` (reachable and the model is listed), `model-unknown` (reachable, the model is not listed),
   * `unreachable` (no answer, or an error status), `not-probed` (no token-free check exists for the
   * provider, or a model supplied in code), `not-configured` (no model set up).
   */
  readonly status: 'ok' | 'model-unknown' | 'unreachable' | 'not-probed' | 'not-configured';
  /** Provider name, when one is configured. */
  readonly provider?: string;
  /** The model the service asks for. */
  readonly model?: string;
  /** The URL probed. */
  readonly url?: string;
  /** Why the status is not `ok`, with what to do about it. */
  readonly detail?: string;
}

/** The result of a provider that has no token-free check: reported as not probed rather than guessed at. */
export function notProbed(provider: string, model: string | undefined): ModelServerProbeResult {
  return { status: 'not-probed', provider, ...(model ? { model } : {}), detail: `no token-free check is available for ${provider}; the first question tests it` };
}
