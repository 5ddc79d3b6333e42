import type { LlmSettings } from '../llm-settings.js';
import type { ModelServerProbeResult } from '../model-server-probe-result.js';

/** How long one probe waits for the model server: well inside the 3 s a container healthcheck gives /ready. */
const probeTimeoutMs = 1000;

/** Models named in a `model-unknown` detail at most. */
const listedModels = 10;

const messageOf = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error));

/**
 * `GET {OPENAI_BASE_URL}/models`: the server answers and lists the configured model, and no tokens are
 * spent. Called with settings whose base URL and model are set.
 */
export async function probeOpenAiModelServer(settings: LlmSettings): Promise<ModelServerProbeResult> {
  const { openaiApiKey } = settings;
  const model = settings.model as string;
  const url = `${(settings.openaiBaseUrl as string).replace(/\/+$/, '')}/models`;
  const found = { provider: 'openai', model, url };
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
