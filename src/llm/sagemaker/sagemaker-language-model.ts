import { InternalStreamFailure, ModelStreamError, SageMakerRuntimeClient, type SageMakerRuntimeClientConfig } from '@aws-sdk/client-sagemaker-runtime';
import { SageMakerEndpoint } from '@langchain/community/llms/sagemaker_endpoint';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import { checkCompletion } from '../completion-check.js';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from '../language-model.js';
import { toLanguageModelError } from '../llm-error-mapper.js';
import { createTokenCounter, type TokenCounter } from '../tokens/token-counter.js';
import { renderMixtralPrompt } from './mixtral-prompt-format.js';
import { StopSequenceHoldback, stripTrailingStopSequence } from './stop-sequence-holdback.js';
import { TgiContentHandler } from './tgi-content-handler.js';

/** How to reach a SageMaker endpoint serving a Mixtral-family model with TGI. */
export interface SagemakerLanguageModelSettings {
  /** The SageMaker endpoint name. */
  readonly endpointName: string;
  /** The AWS region of the endpoint. */
  readonly region: string;
  /** Overrides the runtime URL, e.g. a VPC interface endpoint. */
  readonly endpointUrl?: string | undefined;
  /** Static credentials; omitted means the default AWS provider chain. */
  readonly credentials?: SageMakerRuntimeClientConfig['credentials'];
  /** Label reported as `modelId`; defaults to the endpoint name. */
  readonly modelId?: string | undefined;
  /** Generation limit when a call sets none. */
  readonly defaultMaxOutputTokens?: number | undefined;
  /** Temperature when a call sets none. */
  readonly defaultTemperature?: number | undefined;
}

const provider = 'sagemaker';

/**
 * The reference setup: a SageMaker real-time endpoint running Hugging Face TGI with a Mixtral
 * instruct model, through LangChain's SageMakerEndpoint with a TGI content handler. The endpoint
 * exposes plain text generation, so chat messages are rendered into the Mixtral template here and
 * prompt tokens are counted with the Mixtral tokenizer.
 */
export class SagemakerLanguageModel implements LanguageModel {
  readonly provider = provider;
  readonly modelId: string;
  readonly #endpointName: string;
  readonly #clientOptions: SageMakerRuntimeClientConfig;
  readonly #client: SageMakerRuntimeClient;
  readonly #defaultMaxOutputTokens: number;
  readonly #defaultTemperature: number;
  readonly #tokenCounter: TokenCounter = createTokenCounter('mistral');

  constructor(settings: SagemakerLanguageModelSettings) {
    this.#endpointName = settings.endpointName;
    this.modelId = settings.modelId ?? settings.endpointName;
    this.#defaultMaxOutputTokens = settings.defaultMaxOutputTokens ?? 1024;
    this.#defaultTemperature = settings.defaultTemperature ?? 0;
    this.#clientOptions = {
      region: settings.region,
      ...(settings.endpointUrl === undefined ? {} : { endpoint: settings.endpointUrl }),
      ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
      // RetryingLanguageModel owns retries; SDK retries would multiply attempts and hide timeouts.
      maxAttempts: 1,
    };
    this.#client = new SageMakerRuntimeClient(this.#clientOptions);
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    const prompt = renderMixtralPrompt(options.messages);
    const stopSequences = options.stopSequences ?? [];
    const handler = new TgiContentHandler(false);
    let generated: string;
    try {
      generated = await this.#endpoint(options, handler).invoke(prompt, options.signal === undefined ? {} : { signal: options.signal });
    } catch (error) {
      throw toSagemakerError(error, options);
    }
    const text = checkCompletion(stripTrailingStopSequence(generated, stopSequences), handler.finishReason, provider);
    return {
      text,
      usage: { promptTokens: this.#tokenCounter.count(prompt), completionTokens: handler.generatedTokens ?? this.#tokenCounter.count(text) },
      finishReason: handler.finishReason,
    };
  }

  /**
   * Streams through InvokeEndpointWithResponseStream with TGI's `stream: true`. A stop sequence TGI
   * emits is held back and dropped, as in `generate`; the finish reason and token count come from
   * TGI's final event.
   */
  async *stream(options: GenerateOptions): AsyncGenerator<LanguageModelStreamPart> {
    const prompt = renderMixtralPrompt(options.messages);
    const handler = new TgiContentHandler(true);
    const holdback = new StopSequenceHoldback(options.stopSequences ?? []);
    let text = '';
    try {
      const pieces = await this.#endpoint(options, handler).stream(prompt, options.signal === undefined ? {} : { signal: options.signal });
      for await (const piece of pieces) {
        const released = holdback.push(piece);
        if (released.length > 0) {
          text += released;
          yield { type: 'text', text: released };
        }
      }
      holdback.push(handler.finishStream());
    } catch (error) {
      throw toSagemakerError(error, options);
    }
    const rest = holdback.finish();
    if (rest.length > 0) {
      text += rest;
      yield { type: 'text', text: rest };
    }
    yield {
      type: 'finish',
      usage: { promptTokens: this.#tokenCounter.count(prompt), completionTokens: handler.generatedTokens ?? this.#tokenCounter.count(text) },
      finishReason: handler.finishReason,
    };
  }

  /**
   * SageMakerEndpoint takes the generation parameters (`modelKwargs`) and the content handler in its
   * constructor, and the handler holds the call's TGI details, so each call gets its own endpoint
   * object. It builds a runtime client of its own, which is swapped for the shared one so that calls
   * share one connection pool (about 0.3 ms of construction per call).
   */
  #endpoint(options: GenerateOptions, handler: TgiContentHandler): SageMakerEndpoint {
    const endpoint = new SageMakerEndpoint({
      endpointName: this.#endpointName,
      clientOptions: this.#clientOptions,
      contentHandler: handler,
      modelKwargs: this.#tgiParameters(options),
      // RetryingLanguageModel owns retries.
      maxRetries: 0,
    });
    endpoint.client = this.#client;
    return endpoint;
  }

  #tgiParameters(options: GenerateOptions): Record<string, unknown> {
    const temperature = options.temperature ?? this.#defaultTemperature;
    const stopSequences = options.stopSequences ?? [];
    return {
      max_new_tokens: options.maxOutputTokens ?? this.#defaultMaxOutputTokens,
      // TGI rejects temperature 0; greedy decoding is requested with do_sample false instead.
      ...(temperature > 0 ? { temperature, do_sample: true } : { do_sample: false }),
      ...(stopSequences.length > 0 ? { stop: stopSequences } : {}),
      return_full_text: false,
      details: true,
    };
  }
}

/**
 * A failure event in the response stream arrives as the SDK's exception: the model failed
 * (ModelStreamError, final) or the stream did (InternalStreamFailure, which AWS says to retry).
 * Their messages may echo the prompt, so they stay in the cause.
 */
function toSagemakerError(error: unknown, options: GenerateOptions): SwitchyardError {
  if (options.signal?.aborted !== true && (error instanceof ModelStreamError || error instanceof InternalStreamFailure)) {
    return new SwitchyardError('SWY_ERR_LLM_FAILED', `The ${provider} endpoint failed while streaming.`, {
      details: { provider },
      cause: error,
      isRetryable: error instanceof InternalStreamFailure,
    });
  }
  return toLanguageModelError(error, { provider, signal: options.signal });
}
