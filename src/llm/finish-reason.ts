/**
 * Why a model stopped generating, the same for every provider:
 * - `stop`: it finished on its own (end of turn, end-of-sequence token) or produced a stop sequence;
 * - `length`: it hit the output-token limit of the call, so the reply is cut and may be incomplete;
 * - `content-filter`: the provider's content filter or guardrail stopped or replaced the reply;
 * - `tool-calls`: it stopped to call a tool (Switchyard offers none, so the text is not an answer);
 * - `unknown`: the provider said nothing, or something this version does not know.
 */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'unknown';

// Each protocol's own words: chat completions `finish_reason` (OpenAI, vLLM, Ollama, llama.cpp, and TGI's
// messages API, which reuses TGI's words), TGI `details.finish_reason`, Bedrock Converse `stopReason`.
const protocolWords: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  eos_token: 'stop',
  stop_sequence: 'stop',
  end_turn: 'stop',
  length: 'length',
  max_tokens: 'length',
  content_filter: 'content-filter',
  content_filtered: 'content-filter',
  guardrail_intervened: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  tool_use: 'tool-calls',
};

/** Maps a provider's own finish or stop reason (any of the protocols above) to a FinishReason. */
export function toFinishReason(providerReason: unknown): FinishReason {
  if (typeof providerReason !== 'string') return 'unknown';
  return Object.hasOwn(protocolWords, providerReason) ? (protocolWords[providerReason] as FinishReason) : 'unknown';
}
