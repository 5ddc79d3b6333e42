import { BaseSageMakerContentHandler } from '@langchain/community/llms/sagemaker_endpoint';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import { toFinishReason, type FinishReason } from '../finish-reason.js';
import { ServerSentEventDecoder } from './server-sent-event-decoder.js';

/** TGI's accounting of one completion: `generated_tokens` and `finish_reason`. */
interface TgiDetails {
  /** Tokens generated, the provider's own completion count. */
  generated_tokens?: unknown;
  /** `eos_token`, `stop_sequence` or `length`. */
  finish_reason?: unknown;
}

/** One whole TGI reply element; `details` is present because the request asks for it. */
interface TgiGeneration {
  /** The completion, without the prompt (`return_full_text: false`). */
  generated_text?: unknown;
  /** Token count and finish reason. */
  details?: TgiDetails | null;
}

/** One `data:` line of TGI's stream, as parsed JSON (shape unchecked until read). */
interface TgiStreamLine {
  /** The generated token; special tokens (`</s>`) carry no visible text. */
  token?: { text?: unknown; special?: unknown };
  /** Present on the final line only. */
  details?: TgiDetails | null;
  /** Set when the server failed mid-generation. */
  error?: unknown;
}

const provider = 'sagemaker';
const encoder = new TextEncoder();

function parseJson<T>(text: string, problem: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', `The sagemaker endpoint ${problem}.`, { details: { provider }, cause: error });
  }
}

/**
 * Speaks Hugging Face TGI through LangChain's SageMakerEndpoint, for one call: the request body is
 * `{ inputs, parameters }` (with `stream: true` when streaming), the reply TGI's JSON, or TGI's
 * `data:{"token":…}` lines cut into PayloadPart frames at arbitrary byte boundaries. SageMakerEndpoint
 * hands on only the text, so the handler keeps what else TGI said (its token count and finish reason)
 * for the adapter to read after the call; that state is why each call gets its own handler.
 */
export class TgiContentHandler extends BaseSageMakerContentHandler<string, string> {
  override contentType = 'application/json';
  override accepts = 'application/json';
  readonly #streaming: boolean;
  readonly #events = new ServerSentEventDecoder();
  #generatedTokens: number | undefined;
  // TGI states the reason on its final details only; a reply without them stays `unknown`.
  #finishReason: FinishReason = 'unknown';

  /** `streaming` selects TGI's `stream: true` request and the stream reader. */
  constructor(streaming: boolean) {
    super();
    this.#streaming = streaming;
  }

  /** Completion tokens as TGI counted them, once its details arrived. */
  get generatedTokens(): number | undefined {
    return this.#generatedTokens;
  }

  /** Why TGI stopped, once its details arrived. */
  get finishReason(): FinishReason {
    return this.#finishReason;
  }

  /** Builds the request body; `parameters` are SageMakerEndpoint's `modelKwargs`, TGI's generation parameters. */
  override async transformInput(prompt: string, parameters: Record<string, unknown>): Promise<Uint8Array> {
    return encoder.encode(JSON.stringify({ inputs: prompt, parameters, ...(this.#streaming ? { stream: true } : {}) }));
  }

  /** The whole reply's text, or the text of the tokens a PayloadPart frame completes (often none). */
  override async transformOutput(output: Uint8Array): Promise<string> {
    return this.#streaming ? this.#tokenText(this.#events.push(output)) : this.#wholeText(output);
  }

  /** Ends a stream: the text of a last event the endpoint sent without its closing blank line. */
  finishStream(): string {
    return this.#tokenText(this.#events.end());
  }

  /** Accepts TGI's `[{ generated_text, details }]` and the bare `{ generated_text }` some containers return. */
  #wholeText(output: Uint8Array): string {
    const parsed = parseJson<unknown>(new TextDecoder().decode(output), 'returned a body that is not JSON');
    const generation = (Array.isArray(parsed) ? parsed[0] : parsed) as TgiGeneration | undefined;
    if (typeof generation !== 'object' || generation === null || typeof generation.generated_text !== 'string') {
      throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', 'The sagemaker endpoint response has no generated_text.', { details: { provider } });
    }
    this.#readDetails(generation.details);
    return generation.generated_text;
  }

  #tokenText(events: string[]): string {
    let text = '';
    for (const data of events) {
      if (data.trim().length === 0) continue;
      const line = parseJson<TgiStreamLine>(data, 'streamed a line that is not JSON');
      if (line.error !== undefined) {
        // Upstream messages may echo the prompt, so they stay in the cause.
        throw new SwitchyardError('SWY_ERR_LLM_FAILED', 'The sagemaker endpoint reported an error while streaming.', {
          details: { provider },
          cause: line.error,
          isRetryable: false,
        });
      }
      if (line.token?.special !== true && typeof line.token?.text === 'string') text += line.token.text;
      this.#readDetails(line.details);
    }
    return text;
  }

  #readDetails(details: TgiDetails | null | undefined): void {
    if (details === undefined || details === null) return;
    if (typeof details.generated_tokens === 'number') this.#generatedTokens = details.generated_tokens;
    this.#finishReason = toFinishReason(details.finish_reason);
  }
}
