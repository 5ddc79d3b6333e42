import { SwitchyardError } from '../../errors/switchyard-error.js';

/** What a chat completions server answers with: JSON whole, Server-Sent Events streamed. */
const chatCompletionsContentType = /^\s*(application\/json|text\/event-stream)\b/i;

/**
 * The OpenAI SDK's fetch, refusing a successful answer that is not chat completions at all: a proxy's
 * HTML page in front of a model server, for instance, which the SDK would hand on as a string. The
 * error is the model's bad output, not a failed call; the SDK wraps it as a connection error, and
 * toLanguageModelError finds it in the cause.
 */
export async function chatCompletionsFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const contentType = response.headers.get('content-type') ?? '';
  if (response.ok && !chatCompletionsContentType.test(contentType)) {
    await response.body?.cancel();
    throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', `The openai model server answered with ${contentType || 'no content type'} instead of a chat completion.`, {
      details: { provider: 'openai' },
    });
  }
  return response;
}
