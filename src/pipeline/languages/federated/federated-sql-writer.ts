import type { CatalogRelationship, CatalogSource, CatalogTable, CrossSourceExample } from '../../../catalog/catalog-types.js';
import { renderQualifiedSchemaWithSamples } from '../../../catalog/table-info-renderer.js';
import { getDialect } from '../../../dialects/dialect-registry.js';
import type { StageContext } from '../../stage-context.js';
import type { AttemptFailure, UnusableReply } from '../query-language.js';
import { askForSql, type SqlStatement } from '../sql/sql-writer.js';

/** The tables one source contributes to a federated question. */
export interface FederatedSourceTables {
  /** The source as the current catalog holds it. */
  readonly source: CatalogSource;
  /** Its routed tables. */
  readonly tables: readonly CatalogTable[];
}

/** What the model is asked to write one federated query for. */
export interface FederatedWritingTask {
  /** The standalone question. */
  readonly question: string;
  /** Every chosen source with its routed tables. */
  readonly sources: readonly FederatedSourceTables[];
  /** The catalog's join keys between sources. */
  readonly relationships: readonly CatalogRelationship[];
  /** The previous turn of a conversation, rendered for the prompt; empty or absent for a first question. */
  readonly conversationContext?: string;
}

// The combine step runs DuckDB, whatever the sources speak: the model writes DuckDB SQL over `source.table` names.
const combineDialect = getDialect('duckdb');

function schemaOf(task: FederatedWritingTask): string {
  return renderQualifiedSchemaWithSamples(
    task.sources.flatMap(({ source, tables }) => tables.map((table) => ({ source: source.name, table }))),
    combineDialect,
  );
}

/** The join keys between the routed tables, one line each, so the model joins on columns that hold the same values. */
function relationshipsOf(task: FederatedWritingTask): string {
  const routed = new Set(task.sources.flatMap(({ source, tables }) => tables.map((table) => `${source.name}.${table.name}`.toLowerCase())));
  const lines = task.relationships
    .filter(({ from, to }) => routed.has(`${from.source}.${from.table}`.toLowerCase()) && routed.has(`${to.source}.${to.table}`.toLowerCase()))
    .map(({ from, to, origin, description }) => {
      const why = description === undefined ? '' : ` (${description.replace(/\s+/g, ' ').trim()})`;
      return `- ${from.source}.${from.table}.${from.column} holds values of ${to.source}.${to.table}.${to.column}: ${origin}${why}`;
    });
  if (lines.length === 0) return '';
  return `\nRelationships between the databases:\n<data name="relationships">\n${lines.join('\n')}\n</data>\n`;
}

/** The curated cross-source examples that read only the chosen sources. */
function examplesOf(task: FederatedWritingTask): string {
  const chosen = new Set(task.sources.map(({ source }) => source.name));
  const seen = new Set<string>();
  const examples: CrossSourceExample[] = [];
  for (const { source } of task.sources) {
    for (const example of source.crossSourceExamples ?? []) {
      if (seen.has(example.question) || !example.sources.every((name) => chosen.has(name))) continue;
      seen.add(example.question);
      examples.push(example);
    }
  }
  const body = examples.map((example) => `Question: ${example.question}\n<sql>${example.sql.trim()}</sql>`).join('\n\n');
  const examplesText = body === '' ? '' : `\nExamples of questions across these databases and the SQL that answers them:\n<data name="examples">\n${body}\n</data>\n`;
  return examplesText + (task.conversationContext ?? '');
}

/** Chain 2 for a question several sources answer together: one DuckDB query over source-qualified tables. */
export function generateFederatedSql(context: StageContext, task: FederatedWritingTask): Promise<SqlStatement | UnusableReply> {
  const messages = context.prompts.render('generate-federated-sql', {
    dialect_notes: context.prompts.dialectNotes(combineDialect.promptNotesFile),
    schema: schemaOf(task),
    relationships: relationshipsOf(task),
    examples: examplesOf(task),
    question: task.question,
  });
  return askForSql(context, messages);
}

/**
 * Repairs a federated query from the error of whichever engine failed (a source running its part, or
 * DuckDB running the combine step) or from the guard's refusal, with the repair prompts every SQL source uses.
 */
export function repairFederatedSql(context: StageContext, task: FederatedWritingTask, failure: AttemptFailure): Promise<SqlStatement | UnusableReply> {
  const common = {
    dialect: combineDialect.displayName,
    dialect_notes: context.prompts.dialectNotes(combineDialect.promptNotesFile),
    schema: schemaOf(task) + relationshipsOf(task),
    question: task.question,
    failed_sql: failure.text,
  };
  const messages =
    failure.refusal === undefined
      ? context.prompts.render('repair-sql', { ...common, error: failure.error })
      : context.prompts.render('repair-refused-sql', { ...common, ...failure.refusal });
  return askForSql(context, messages);
}
