import type { LanguageModelMessage } from '../llm/language-model.js';
import type { CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import { renderRoutingCatalog } from '../catalog/table-info-renderer.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { readJsonObject } from './model-reply-text.js';
import type { StageContext } from './stage-context.js';

/** The routing decision. */
export interface RouteDecision {
  /** Chosen source. */
  readonly source: CatalogSource;
  /** Chosen tables of that source. */
  readonly tables: CatalogTable[];
  /** Every chosen source with its tables, when the question needs several: the answer is federated. */
  readonly federated?: readonly { readonly source: CatalogSource; readonly tables: CatalogTable[] }[];
}

type Validation = { decision: RouteDecision } | { problem: string };

function validateReply(reply: string, sources: CatalogSource[]): Validation {
  const reading = readJsonObject(reply);
  if (reading.kind === 'missing') return { problem: 'the reply contains no JSON object' };
  if (reading.kind === 'unparsable') return { problem: `the JSON does not parse (${reading.message})` };
  const candidate = reading.value as { source?: unknown; tables?: unknown };
  if (typeof candidate.source !== 'string') return { problem: '"source" must be a string' };
  const source = sources.find((item) => item.name === candidate.source);
  if (source === undefined) {
    return { problem: `there is no source named "${candidate.source}"; the sources are ${sources.map((item) => item.name).join(', ')}` };
  }
  if (!Array.isArray(candidate.tables) || candidate.tables.length === 0 || !candidate.tables.every((item) => typeof item === 'string')) {
    return { problem: '"tables" must be a non-empty list of table names' };
  }
  const names = [...new Set(candidate.tables as string[])];
  const unknown = names.filter((name) => !source.tables.some((table) => table.name === name));
  if (unknown.length > 0) {
    return { problem: `source "${source.name}" has no table ${unknown.map((name) => `"${name}"`).join(', ')}; its tables are ${source.tables.map((table) => table.name).join(', ')}` };
  }
  return { decision: { source, tables: source.tables.filter((table) => names.includes(table.name)) } };
}

/**
 * Chain 1: the LLM picks a source and its tables from the candidates. The reply is validated
 * against the catalog; an invalid reply gets exactly one chance to be corrected.
 */
export async function routeQuestion(context: StageContext, question: string, candidates: CatalogSource[]): Promise<RouteDecision> {
  const messages: LanguageModelMessage[] = context.prompts.render('route-source', {
    sources: renderRoutingCatalog(candidates),
    question,
  });
  let lastProblem = '';
  for (let round = 0; round < 2; round += 1) {
    const { text } = await context.model.generate({ messages, maxOutputTokens: 256, temperature: 0, signal: context.signal });
    const validation = validateReply(text, candidates);
    if ('decision' in validation) return validation.decision;
    lastProblem = validation.problem;
    messages.push(
      { role: 'assistant', content: text },
      { role: 'user', content: `That answer is invalid: ${validation.problem}. Answer again with the JSON object only.` },
    );
  }
  throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', `The model could not choose a valid source and tables: ${lastProblem}`, {
    details: { stage: 'route', problem: lastProblem },
  });
}
