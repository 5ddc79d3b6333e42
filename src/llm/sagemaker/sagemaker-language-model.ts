import {
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  SageMakerRuntimeClient,
  type InvokeEndpointCommandOutput,
  type InvokeEndpointWithResponseStreamCommandOutput,
  type SageMakerRuntimeClientConfig,
} from '@aws-sdk/client-sagemaker-runtime';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import type { GenerateOptions, GenerateResult, LanguageModel, LanguageModelStreamPart } from '../language-model.js';
import { checkCompletion } from '../completion-check.js';
import { toFinishReason, type FinishReason } from '../finish-reason.js';
import { toLanguageModelError } from '../llm-error-mapper.js';
import { renderMixtralPrompt } from './mixtral-prompt-format.js';
import { readTgiStream, StopSequenceHoldback } from './tgi-stream-reader.js';
import { createTokenCounter, type TokenCounter } from '../tokens/token-counter.js';

/** The part of SageMakerRuntimeClient this adapter uses, so tests can substitute a recording client. */
export interface SagemakerRuntimeSender {
  /** Sends one InvokeEndpoint call. */
  send(command: InvokeEndpointCommand, options?: { abortSignal?: AbortSignal }): Promise<InvokeEndpointCommandOutput>;
  /** Sends one InvokeEndpointWithResponseStream call. */
  send(
    command: InvokeEndpointWithResponseStreamCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<InvokeEndpointWithResponseStreamCommandOutput>;
}

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
  /** A pre-built client; overrides region, endpointUrl and credentials. */
  readonly client?: SagemakerRuntimeSender | undefined;
}

/** One TGI response element; `details` is present because the request asks for it. */
interface TgiGeneration {
  /** The completion, without the prompt (`return_full_text: false`). */
  generated_text?: unknown;
  /** Token accounting (`generated_tokens` is the provider's own completion count) and `finish_reason`. */
  details?: { generated_tokens?: unknown; finish_reason?: unknown } | null;
}

const provider = 'sagemaker';

/**
 * The reference setup: a SageMaker real-time endpoint running Hugging Face TGI with a Mixtral
 * instruct model. The endpoint exposes plain text generation, so chat messages are rendered into the
 * Mixtral template here and prompt tokens are counted with the Mixtral tokenizer.
 */
export class SagemakerLanguageModel implements LanguageModel {
  readonly provider = provider;
  readonly modelId: string;
  readonly #endpointName: string;
  readonly #client: SagemakerRuntimeSender;
  readonly #defaultMaxOutputTokens: number;
  readonly #defaultTemperature: number;
  readonly #tokenCounter: TokenCounter = createTokenCounter('mistral');

  constructor(settings: SagemakerLanguageModelSettings) {
    this.#endpointName = settings.endpointName;
    this.modelId = settings.modelId ?? settings.endpointName;
    this.#defaultMaxOutputTokens = settings.defaultMaxOutputTokens ?? 1024;
    this.#defaultTemperature = settings.defaultTemperature ?? 0;
    this.#client =
      settings.client ??
      new SageMakerRuntimeClient({
        region: settings.region,
        ...(settings.endpointUrl === undefined ? {} : { endpoint: settings.endpointUrl }),
        ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
        // RetryingLanguageModel owns retries; SDK retries would multiply attempts and hide timeouts.
        maxAttempts: 1,
      });
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    const prompt = renderMixtralPrompt(options.messages);
    const stopSequences = options.stopSequences ?? [];
    const body = { inputs: prompt, parameters: this.#tgiParameters(options, stopSequences) };

    let output: InvokeEndpointCommandOutput;
    try {
      const command = new InvokeEndpointCommand({
        EndpointName: this.#endpointName,
        ContentType: 'application/json',
        Accept: 'application/json',
        Body: new TextEncoder().encode(JSON.stringify(body)),
      });
      output = await this.#client.send(command, options.signal === undefined ? {} : { abortSignal: options.signal });
    } catch (error) {
      throw toLanguageModelError(error, { provider, signal: options.signal });
    }

    const generation = parseTgiResponse(output.Body === undefined ? '' : new TextDecoder().decode(output.Body));
    const text = checkCompletion(stripTrailingStopSequence(generation.text, stopSequences), generation.finishReason, provider);
    return {
      text,
      usage: {
        promptTokens: this.#tokenCounter.count(prompt),
        completionTokens: generation.generatedTokens ?? this.#tokenCounter.count(text),
      },
      finishReason: generation.finishReason,
    };
  }

  /**
   * Streams through InvokeEndpointWithResponseStream with TGI's `stream: true`: the endpoint sends
   * AWS event-stream PayloadPart frames whose bytes carry TGI's `data:{"token":…}` lines, split at
   * arbitrary byte boundaries. A stop sequence TGI emits is held back and dropped, as in `generate`.
   */
  async *stream(options: GenerateOptions): AsyncGenerator<LanguageModelStreamPart> {
    const prompt = renderMixtralPrompt(options.messages);
    const stopSequences = options.stopSequences ?? [];
    const body = { inputs: prompt, parameters: this.#tgiParameters(options, stopSequences), stream: true };
    const holdback = new StopSequenceHoldback(stopSequences);
    let text = '';
    let generatedTokens: number | undefined;
    // TGI states the reason on its final token event only; a stream cut before it stays `unknown`.
    let finishReason: FinishReason = 'unknown';
    try {
      const command = new InvokeEndpointWithResponseStreamCommand({
        EndpointName: this.#endpointName,
        ContentType: 'application/json',
        Accept: 'application/json',
        Body: new TextEncoder().encode(JSON.stringify(body)),
      });
      const output = await this.#client.send(command, options.signal === undefined ? {} : { abortSignal: options.signal });
      for await (const event of readTgiStream(output.Body, provider)) {
        if (event.generatedTokens !== undefined) generatedTokens = event.generatedTokens;
        if (event.finishReason !== undefined) finishReason = event.finishReason;
        const released = holdback.push(event.text);
        if (released.length > 0) {
          text += released;
          yield { type: 'text', text: released };
        }
      }
    } catch (error) {
      throw toLanguageModelError(error, { provider, signal: options.signal });
    }
    const rest = holdback.finish();
    if (rest.length > 0) {
      text += rest;
      yield { type: 'text', text: rest };
    }
    yield {
      type: 'finish',
      usage: {
        promptTokens: this.#tokenCounter.count(prompt),
        completionTokens: generatedTokens ?? this.#tokenCounter.count(text),
      },
      finishReason,
    };
  }

  #tgiParameters(options: GenerateOptions, stopSequences: string[]): Record<string, unknown> {
    const temperature = options.temperature ?? this.#defaultTemperature;
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

/** Accepts TGI's `[{ generated_text, details }]` and the bare `{ generated_text }` some containers return. */
function parseTgiResponse(rawBody: string): { text: string; generatedTokens: number | undefined; finishReason: FinishReason } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch (error) {
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', 'The sagemaker endpoint returned a body that is not JSON.', {
      details: { provider },
      cause: error,
    });
  }
  const generation = (Array.isArray(parsed) ? parsed[0] : parsed) as TgiGeneration | undefined;
  if (typeof generation !== 'object' || generation === null || typeof generation.generated_text !== 'string') {
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', 'The sagemaker endpoint response has no generated_text.', {
      details: { provider },
    });
  }
  const generatedTokens = generation.details?.generated_tokens;
  return {
    text: generation.generated_text,
    generatedTokens: typeof generatedTokens === 'number' ? generatedTokens : undefined,
    finishReason: toFinishReason(generation.details?.finish_reason),
  };
}

/** TGI includes the matched stop sequence in `generated_text`; callers expect it removed. */
function stripTrailingStopSequence(text: string, stopSequences: readonly string[]): string {
  for (const stop of stopSequences) {
    if (stop.length > 0 && text.endsWith(stop)) return text.slice(0, -stop.length);
  }
  return text;
}
