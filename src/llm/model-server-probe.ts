import type { LlmSettings } from './llm-settings.js';
import { modelProviderModules } from './model-provider-registry.js';
import type { ModelServerProbeResult } from './model-server-probe-result.js';

/**
 * Checks that the configured model server answers and knows the configured model, without a
 * generation call (no tokens spent), by the configured provider's own check: an OpenAI-compatible
 * server's `GET /models`. SageMaker and Bedrock would need their control-plane SDKs
 * (DescribeEndpoint, GetFoundationModel), which the service does not ship, so they report not probed.
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
    const { provider } = this.#settings;
    if (this.#suppliedInCode) return { status: 'not-probed', detail: 'the model was supplied in code, not configured' };
    if (provider === undefined) return { status: 'not-configured' };
    const module = modelProviderModules[provider];
    const missing = module.missingSettings(this.#settings);
    if (missing.length > 0) return { status: 'not-configured', provider, detail: `set ${missing.join(' and ')}` };
    return module.probe(this.#settings);
  }
}
