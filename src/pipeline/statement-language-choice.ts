import type { CatalogTable } from '../catalog/catalog-types.js';
import type { Settings } from '../config/settings.js';
import { federationLimits } from '../federation/federation-limits.js';
import type { SqlGuard } from '../guard/sql-guard.js';
import { answerSourceName } from '../sources/answer-source-name.js';

import { FederatedQueryLanguage } from './languages/federated/federated-query-language.js';
import type { QueryLanguage } from './languages/query-language.js';
import { queryLanguageFor } from './languages/source-language.js';
import type { ResolvedQuestion } from './follow-up-stage.js';
import { renderConversationContext } from './follow-up-stage.js';
import { withoutOwnExample } from './own-example-exclusion.js';
import type { PipelineCatalog, PipelineSources } from './pipeline-catalog.js';
import type { AskedQuestion } from './question-acceptance.js';
import type { ChosenSource } from './source-choice-stage.js';

/** What choosing a statement language needs of the pipeline. */
export interface LanguageChoiceDependencies {
  /** The current catalog snapshot. */
  readonly catalog: PipelineCatalog;
  /** The configured sources. */
  readonly sources: PipelineSources;
  /** The read-only guard. */
  readonly guard: SqlGuard;
  /** Service settings: the federation limits. */
  readonly settings: Settings;
  /** Evaluation only: the curated example asking the question being answered is left out of the SQL prompt. */
  readonly ownExampleLeftOut?: boolean | undefined;
}

/** Tables a statement may read as its language names them: bare on one source, `source.table` across several. */
export function allowedTablesOf(chosen: ChosenSource): string[] {
  if (chosen.federated === undefined) return chosen.source.tables.map((table) => table.name);
  return chosen.federated.flatMap(({ source }) => source.tables.map((table) => `${source.name}.${table.name}`));
}

/** The chosen tables as the response names them: source-qualified in a federated answer. */
export function chosenTableNames(chosen: ChosenSource): string[] {
  if (chosen.federated === undefined) return chosen.tables.map((table) => table.name);
  return chosen.federated.flatMap(({ source, tables }) => tables.map((table: CatalogTable) => `${source.name}.${table.name}`));
}

/** The answering sources as the response names them: one name, or a federated answer's names joined with `+`. */
export function chosenSourceName(chosen: ChosenSource): string {
  return answerSourceName((chosen.federated ?? [chosen]).map(({ source }) => source.name));
}

/**
 * The language the chosen source is asked in (SQL in its dialect, or planned HTTP GET requests), or,
 * when routing chose several sources, the federated language: one DuckDB query over all of them.
 */
export function chooseStatementLanguage(dependencies: LanguageChoiceDependencies, asked: AskedQuestion, followUp: ResolvedQuestion, chosen: ChosenSource): QueryLanguage {
  const { catalog, sources, guard, settings } = dependencies;
  const question = followUp.standaloneQuestion;
  const access = { scope: asked.scope, sources: catalog.snapshot.sources };
  const conversationContext = renderConversationContext(followUp.previous);
  const { observer, signal } = asked.options;
  if (chosen.federated !== undefined) {
    const chosenSources = chosen.federated.map(({ source }) => source);
    return new FederatedQueryLanguage(
      {
        sources: chosenSources,
        handles: sources,
        allowedTables: allowedTablesOf(chosen),
        // Every source's own maxRows is a safety limit on what it returns; the answer is bounded by the lowest.
        maxRows: Math.min(...chosenSources.map((source) => sources.handle(source.name).maxRowsFor(asked.maxRows))),
        limits: federationLimits(settings),
        signal,
      },
      { guard, access, observer },
      {
        context: asked.context,
        task: { question, sources: chosen.federated, relationships: catalog.snapshot.relationships ?? [], conversationContext },
      },
    );
  }
  const { source } = chosen;
  const handle = sources.handle(source.name);
  return queryLanguageFor(
    {
      source,
      handle,
      allowedTables: allowedTablesOf(chosen),
      // A source's own maxRows is a safety limit on it: it lowers whatever the request asked for.
      maxRows: handle.maxRowsFor(asked.maxRows),
      signal,
    },
    { guard, access, observer },
    {
      context: asked.context,
      task: {
        question,
        source: dependencies.ownExampleLeftOut === true ? withoutOwnExample(source, question) : source,
        tables: chosen.tables,
        conversationContext,
      },
    },
  );
}
