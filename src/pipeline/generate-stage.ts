import type { CatalogSource, CatalogTable, FewShotExample } from '../catalog/catalog-types.js';
import { renderSchemaWithSamples } from '../catalog/table-info-renderer.js';
import { fitSchemaToBudget } from './schema-prompt-fitter.js';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import type { LanguageModelMessage } from '../llm/language-model.js';
import type { StageContext } from './stage-context.js';
import { extractSql } from './sql-extractor.js';
import { askForUncutReply, cutReplyProblem } from './uncut-reply-request.js';

/** What chain 2 needs to write SQL. */
export interface GenerationInput {
  /** The question. */
  readonly question: string;
  /** The routed source. */
  readonly source: CatalogSource;
  /** The routed tables. */
  readonly tables: CatalogTable[];
  /** The source's dialect. */
  readonly dialect: SqlDialect;
  /** The previous turn of a conversation, rendered for the prompt; empty or absent for a first question. */
  readonly conversationContext?: string;
}

/** The SQL a model wrote, or undefined when its reply held none. */
export interface GeneratedSql {
  /** Extracted SQL. */
  readonly sql: string | undefined;
  /** The raw reply, for the attempt trace when no SQL was found. */
  readonly reply: string;
  /** Why no SQL was taken from a reply that may hold some (it was cut at the output limit). */
  readonly problem?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The examples whose SQL names at least one routed table, as a whole identifier in any case: an
 * example about other tables costs tokens and pulls the model towards tables it was not given.
 */
function examplesForTables(examples: FewShotExample[], tables: CatalogTable[]): FewShotExample[] {
  const names = tables.map((table) => new RegExp(`(?<![\\w$])${escapeRegExp(table.name)}(?![\\w$])`, 'i'));
  return examples.filter((example) => names.some((name) => name.test(example.sql)));
}

function renderExamples(source: CatalogSource, tables: CatalogTable[]): string {
  const examples = examplesForTables(source.examples, tables);
  if (examples.length === 0) return '';
  const body = examples.map((example) => `Question: ${example.question}\n<sql>${example.sql}</sql>`).join('\n\n');
  return `\nExamples of questions and the SQL that answers them:\n<data name="examples">\n${body}\n</data>\n`;
}

/** The routed tables as the SQL prompt shows them: whole, or shed to the context's schema budget. */
function schemaFor(context: StageContext, input: GenerationInput): string {
  if (context.schemaTokenBudget === undefined) return renderSchemaWithSamples(input.tables, input.dialect);
  return fitSchemaToBudget(input.tables, input.dialect, context.schemaTokenBudget, context.countTokens).text;
}

/** Chain 2: writes SQL in the source's dialect from DDL, sample rows, dialect notes and few-shot examples. */
export async function generateSql(context: StageContext, input: GenerationInput): Promise<GeneratedSql> {
  const messages = context.prompts.render('generate-sql', {
    dialect: input.dialect.displayName,
    dialect_notes: context.prompts.dialectNotes(input.dialect.promptNotesFile),
    schema: schemaFor(context, input),
    // The previous turn rides with the examples: both are "SQL that answered a related question".
    examples: renderExamples(input.source, input.tables) + (input.conversationContext ?? ''),
    question: input.question,
  });
  return askForSql(context, messages);
}

async function askForSql(context: StageContext, messages: LanguageModelMessage[]): Promise<GeneratedSql> {
  const { text, cutAtOutputTokens } = await askForUncutReply(context, { messages, temperature: 0, stopSequences: ['</sql>'] });
  if (cutAtOutputTokens !== undefined) return { sql: undefined, reply: text, problem: cutReplyProblem(cutAtOutputTokens) };
  return { sql: extractSql(text), reply: text };
}

/** What the repair prompt needs: the failed SQL and the database's exact error. */
export interface RepairInput extends GenerationInput {
  /** The SQL that failed. */
  readonly failedSql: string;
  /** The error text as the database (or guard) reported it. */
  readonly error: string;
}

/** Asks for corrected SQL, feeding back the failed statement and the engine's own error message. */
export async function repairSql(context: StageContext, input: RepairInput): Promise<GeneratedSql> {
  const messages = context.prompts.render('repair-sql', {
    dialect: input.dialect.displayName,
    dialect_notes: context.prompts.dialectNotes(input.dialect.promptNotesFile),
    schema: schemaFor(context, input),
    question: input.question,
    failed_sql: input.failedSql,
    error: input.error,
  });
  return askForSql(context, messages);
}
