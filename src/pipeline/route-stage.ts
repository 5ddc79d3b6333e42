import type { LanguageModelMessage } from '../llm/language-model.js';
import type { CatalogRelationship, CatalogSource, CatalogTable } from '../catalog/catalog-types.js';
import { renderRoutingCatalog } from '../catalog/table-info-renderer.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { readJsonObject } from './model-reply-text.js';
import type { StageContext } from './stage-context.js';

/** One chosen source and the tables of it the query needs. */
export interface SourceChoice {
  /** Chosen source. */
  readonly source: CatalogSource;
  /** Chosen tables of that source. */
  readonly tables: CatalogTable[];
}

/**
 * The routing decision: one source and its tables. When the question needs tables of several sources,
 * `source` and `tables` are the first of them (so code that answers from one source reads what it
 * always did) and `federated` lists every chosen source with its tables, that first one included.
 */
export interface RouteDecision extends SourceChoice {
  /** Every chosen source with its tables, in the model's order (the first is `source`), when there are two or more; absent for a one-source answer. */
  readonly federated?: readonly SourceChoice[];
}

/** What chain 1 is told besides the candidates, and how it refuses a source the client may not use. */
export interface RouteOptions {
  /** The catalog's cross-source relationships; those joining two candidate tables are shown to the model. */
  readonly relationships?: readonly CatalogRelationship[];
  /** Throws (403) when the reply names a configured source the client may not query; called before any other check of that name. */
  readonly refuseForbidden?: (source: string) => void;
}

type Validation = { decision: RouteDecision } | { problem: string };
type ChoiceValidation = { choice: SourceChoice } | { problem: string };

function validateChoice(candidate: { source?: unknown; tables?: unknown }, sources: CatalogSource[], options: RouteOptions): ChoiceValidation {
  if (typeof candidate.source !== 'string') return { problem: '"source" must be a string' };
  const source = sources.find((item) => item.name === candidate.source);
  if (source === undefined) {
    options.refuseForbidden?.(candidate.source);
    return { problem: `there is no source named "${candidate.source}"; the sources are ${sources.map((item) => item.name).join(', ')}` };
  }
  if (!Array.isArray(candidate.tables) || candidate.tables.length === 0 || !candidate.tables.every((item) => typeof item === 'string')) {
    return { problem: `"tables" of source "${source.name}" must be a non-empty list of table names` };
  }
  const names = [...new Set(candidate.tables as string[])];
  const unknown = names.filter((name) => !source.tables.some((table) => table.name === name));
  if (unknown.length > 0) {
    return { problem: `source "${source.name}" has no table ${unknown.map((name) => `"${name}"`).join(', ')}; its tables are ${source.tables.map((table) => table.name).join(', ')}` };
  }
  return { choice: { source, tables: source.tables.filter((table) => names.includes(table.name)) } };
}

/** Reads `{"source", "tables"}` or, for a question several sources answer together, `{"sources": [{"source", "tables"}, …]}`. */
function validateReply(reply: string, sources: CatalogSource[], options: RouteOptions): Validation {
  const reading = readJsonObject(reply);
  if (reading.kind === 'missing') return { problem: 'the reply contains no JSON object' };
  if (reading.kind === 'unparsable') return { problem: `the JSON does not parse (${reading.message})` };
  const value = reading.value as { source?: unknown; tables?: unknown; sources?: unknown };
  if (value.sources === undefined) {
    const single = validateChoice(value, sources, options);
    return 'choice' in single ? { decision: single.choice } : single;
  }
  if (!Array.isArray(value.sources) || value.sources.length === 0 || !value.sources.every((item) => typeof item === 'object' && item !== null)) {
    return { problem: '"sources" must be a non-empty list of {"source", "tables"} objects' };
  }
  const choices: SourceChoice[] = [];
  for (const item of value.sources as { source?: unknown; tables?: unknown }[]) {
    const checked = validateChoice(item, sources, options);
    if ('problem' in checked) return checked;
    if (choices.some((choice) => choice.source === checked.choice.source)) return { problem: `source "${checked.choice.source.name}" is listed twice; list each source once, with all its tables` };
    choices.push(checked.choice);
  }
  const [first] = choices as [SourceChoice, ...SourceChoice[]];
  return { decision: choices.length === 1 ? first : { ...first, federated: choices } };
}

/**
 * Chain 1: the LLM picks a source and its tables from the candidates, or, when the question needs
 * tables of several, each of those sources with its tables. The reply is validated against the
 * catalog; an invalid reply gets exactly one chance to be corrected. A reply naming a source the
 * client may not query ends the request at once (`refuseForbidden`), before anything runs.
 */
export async function routeQuestion(context: StageContext, question: string, candidates: CatalogSource[], options: RouteOptions = {}): Promise<RouteDecision> {
  const messages: LanguageModelMessage[] = context.prompts.render('route-source', {
    sources: renderRoutingCatalog(candidates, options.relationships),
    question,
  });
  let lastProblem = '';
  for (let round = 0; round < 2; round += 1) {
    const { text } = await context.model.generate({ messages, maxOutputTokens: 256, temperature: 0, signal: context.signal });
    const validation = validateReply(text, candidates, options);
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
