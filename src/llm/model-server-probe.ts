import type { LlmSettings } from './llm-settings.js';

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

/** How long one probe waits for the model server: well inside the 3 s a container healthcheck gives /ready. */
const probeTimeoutMs = 1000;

/** Models named in a `model-unknown` detail at most. */
const listedModels = 10;

const messageOf = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error));

/**
 * Checks that the configured model server answers and knows the configured model, without a
 * generation call (no tokens spent): an OpenAI-compatible server's `GET {OPENAI_BASE_URL}/models`.
 * SageMaker and Bedrock would need their control-plane SDKs (DescribeEndpoint, GetFoundationModel),
 * which the service does not ship, so they are reported as not probed rather than guessed at.
 */
export class ModelServerProbe {
  readonly #settings: LlmSettings;
  readonly #suppliedInCode: boolean;

  /** `suppliedInCode` is true when the model was handed to the app directly rather than configured. */
  constructor(settings: LlmSettings, suppliedInCode: boolean) {
    this.#settings = settings;
    this.#suppliedInCode = suppliedInCode;
  }

  /** Probes the server once. Never throws: every failure is a result. */
  async probe(): Promise<ModelServerProbeResult> {
    const { provider, model, openaiBaseUrl, openaiApiKey } = this.#settings;
    if (this.#suppliedInCode) return { status: 'not-probed', detail: 'the model was supplied in code, not configured' };
    if (provider === undefined) return { status: 'not-configured' };
    if (provider !== 'openai' || openaiBaseUrl === undefined || model === undefined) {
      const named = provider === 'bedrock' ? (this.#settings.bedrockModel ?? model) : (this.#settings.sagemakerEndpoint ?? model);
      return { status: 'not-probed', provider, ...(named ? { model: named } : {}), detail: `no token-free check is available for ${provider}; the first question tests it` };
    }
    const url = `${openaiBaseUrl.replace(/\/+$/, '')}/models`;
    const found = { provider, model, url };
    let response: Response;
    try {
      response = await fetch(url, { headers: openaiApiKey ? { authorization: `Bearer ${openaiApiKey}` } : {}, signal: AbortSignal.timeout(probeTimeoutMs) });
    } catch (error) {
      return { ...found, status: 'unreachable', detail: `GET ${url} failed (${messageOf(error)}); start the model server or fix OPENAI_BASE_URL` };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const hint = response.status === 401 || response.status === 403 ? 'check OPENAI_API_KEY' : 'check OPENAI_BASE_URL (it includes /v1)';
      return { ...found, status: 'unreachable', detail: `GET ${url} answered HTTP ${response.status}; ${hint}` };
    }
    const body = (await response.json().catch(() => undefined)) as { data?: { id?: unknown }[] } | undefined;
    const ids = (body?.data ?? []).map((entry) => entry.id).filter((id): id is string => typeof id === 'string');
    if (ids.includes(model)) return { ...found, status: 'ok' };
    const served = ids.length === 0 ? 'none' : ids.slice(0, listedModels).join(', ') + (ids.length > listedModels ? ', …' : '');
    return { ...found, status: 'model-unknown', detail: `the server does not list model "${model}" (it serves: ${served}); fix SWITCHYARD_LLM_MODEL` };
  }
}
