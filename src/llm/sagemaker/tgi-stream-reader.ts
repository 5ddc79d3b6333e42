import type { ResponseStream } from '@aws-sdk/client-sagemaker-runtime';
import { SwitchyardError } from '../../errors/switchyard-error.js';
import { toFinishReason, type FinishReason } from '../finish-reason.js';
import { readServerSentEvents } from '../server-sent-events-reader.js';

/** One token event of TGI's streaming output. */
export interface TgiStreamEvent {
  /** The token's text; empty for special tokens. */
  readonly text: string;
  /** Generated token count, present on the final event. */
  readonly generatedTokens?: number;
  /** Why generation stopped, present on the final event. */
  readonly finishReason?: FinishReason;
}

/** One `data:` line of TGI's stream, as parsed JSON (shape unchecked until read). */
interface TgiStreamLine {
  /** The generated token; special tokens (`</s>`) carry no visible text. */
  token?: { text?: unknown; special?: unknown };
  /** Present on the final line only, with the completion's token count and `finish_reason`. */
  details?: { generated_tokens?: unknown; finish_reason?: unknown } | null;
  /** Set when the server failed mid-generation. */
  error?: unknown;
}

/**
 * Reads TGI's server-sent events (`data:{...}`) out of SageMaker PayloadPart frames. Frames split
 * lines at arbitrary byte boundaries (the LineIterator of seed 003); the SSE reader reassembles them.
 */
export async function* readTgiStream(
  body: AsyncIterable<ResponseStream> | undefined,
  provider: string,
): AsyncGenerator<TgiStreamEvent> {
  if (body === undefined) return;
  for await (const data of readServerSentEvents(payloadBytes(body, provider))) {
    const parsed = parseEvent(data, provider);
    if (parsed !== undefined) yield parsed;
  }
}

/** The bytes of each PayloadPart frame; a failure frame ends the stream with an error. */
async function* payloadBytes(body: AsyncIterable<ResponseStream>, provider: string): AsyncGenerator<Uint8Array> {
  for await (const event of body) {
    if (event.ModelStreamError !== undefined || event.InternalStreamFailure !== undefined) {
      // The endpoint failed mid-stream; upstream messages may echo the prompt, so they stay in the cause.
      throw new SwitchyardError('SWY_ERR_LLM_FAILED', `The ${provider} endpoint failed while streaming.`, {
        details: { provider },
        cause: event.ModelStreamError ?? event.InternalStreamFailure,
        isRetryable: event.InternalStreamFailure !== undefined,
      });
    }
    if (event.PayloadPart?.Bytes !== undefined) yield event.PayloadPart.Bytes;
  }
}

function parseEvent(data: string, provider: string): TgiStreamEvent | undefined {
  if (data.trim().length === 0) return undefined;
  let parsed: TgiStreamLine;
  try {
    parsed = JSON.parse(data) as TgiStreamLine;
  } catch (error) {
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', `The ${provider} endpoint streamed a line that is not JSON.`, {
      details: { provider },
      cause: error,
    });
  }
  if (parsed.error !== undefined) {
    throw new SwitchyardError('SWY_ERR_LLM_FAILED', `The ${provider} endpoint reported an error while streaming.`, {
      details: { provider },
      cause: parsed.error,
      isRetryable: false,
    });
  }
  const special = parsed.token?.special === true;
  const text = !special && typeof parsed.token?.text === 'string' ? parsed.token.text : '';
  const details = parsed.details;
  if (details === undefined || details === null) return { text };
  const generatedTokens = details.generated_tokens;
  return { text, finishReason: toFinishReason(details.finish_reason), ...(typeof generatedTokens === 'number' ? { generatedTokens } : {}) };
}

/**
 * TGI streams the matched stop sequence as ordinary tokens. Text that could still turn out to be the
 * start of a stop sequence is held back until it cannot, and a trailing stop sequence is dropped.
 */
export class StopSequenceHoldback {
  readonly #stopSequences: string[];
  #held = '';

  constructor(stopSequences: readonly string[]) {
    this.#stopSequences = stopSequences.filter((stop) => stop.length > 0);
  }

  /** Adds streamed text and returns the part that is safe to pass on. */
  push(text: string): string {
    this.#held += text;
    const keep = this.#longestStopPrefixSuffix();
    const released = this.#held.slice(0, this.#held.length - keep);
    this.#held = this.#held.slice(this.#held.length - keep);
    return released;
  }

  /** Ends the stream: returns the held text without a trailing stop sequence. */
  finish(): string {
    const held = this.#held;
    this.#held = '';
    for (const stop of this.#stopSequences) if (held.endsWith(stop)) return held.slice(0, -stop.length);
    return held;
  }

  /** Length of the longest suffix of the held text that is a prefix of (or equal to) a stop sequence. */
  #longestStopPrefixSuffix(): number {
    let longest = 0;
    for (const stop of this.#stopSequences) {
      for (let length = Math.min(stop.length, this.#held.length); length > longest; length -= 1) {
        if (stop.startsWith(this.#held.slice(this.#held.length - length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }
}
