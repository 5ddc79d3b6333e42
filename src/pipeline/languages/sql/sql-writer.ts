import type { CatalogSource, CatalogTable, FewShotExample } from '../../../catalog/catalog-types.js';
import { renderSchemaWithSamples } from '../../../catalog/table-info-renderer.js';
import type { SqlDialect } from '../../../dialects/sql-dialect.js';
import type { FinishReason } from '../../../llm/finish-reason.js';
import type { LanguageModelMessage } from '../../../llm/language-model.js';
import type { StageContext } from '../../stage-context.js';
import { askForUncutReply, cutReplyProblem } from '../../uncut-reply-request.js';
import type { AttemptFailure, UnusableReply, WritingTask, WrittenStatement } from '../query-language.js';
import { fitSchemaToBudget } from './schema-prompt-fitter.js';
import { extractSql, incompleteReason } from './sql-extractor.js';

/** SQL as one reply held it: one statement, or several joined with `;` to be refused as a whole. */
export interface SqlStatement extends WrittenStatement {
  /** How many statements the reply held; exactly one may run. */
  readonly statementCount: number;
}

/** What chain 2 needs to write SQL: the task and the source's dialect. */
export interface GenerationInput extends WritingTask {
  /** The source's dialect. */
  readonly dialect: SqlDialect;
}

/** Reads a reply into what the guard judges next, knowing why the model stopped. */
function readReply(reply: string, finishReason: FinishReason): SqlStatement | UnusableReply {
  const extraction = extractSql(reply);
  if (extraction.kind === 'none') return { kind: 'unusable', error: 'The model reply contained no SQL inside <sql></sql> tags.', reply };
  // Several statements are refused together: the guard judges everything the model sent, joined with `;`.
  if (extraction.kind === 'several') return { kind: 'statement', text: extraction.statements.join(';\n'), statementCount: extraction.statements.length };
  // A model that ended on its own meant its reply to end there; when the server does not say why it
  // stopped, a reply that ends inside its tag may have been cut off and is not run.
  const incomplete = incompleteReason(extraction, finishReason === 'stop' ? 'finished' : 'unknown');
  return incomplete === undefined ? { kind: 'statement', text: extraction.sql, statementCount: 1 } : { kind: 'unusable', error: incomplete, reply };
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
export async function generateSql(context: StageContext, input: GenerationInput): Promise<SqlStatement | UnusableReply> {
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

/** A reply whose one statement is closed by its tag or fence is whole, whatever prose the limit cut after it. */
function holdsClosedStatement(text: string): boolean {
  const extraction = extractSql(text);
  return extraction.kind === 'statement' && extraction.closed && extraction.cutOff === undefined;
}

/** Asks for one SQL statement and reads the reply, re-asking once when the output limit cut it. */
export async function askForSql(context: StageContext, messages: LanguageModelMessage[]): Promise<SqlStatement | UnusableReply> {
  // No stop at </sql>: providers drop the stop sequence from the text, and the closing tag is what tells
  // a finished statement from one cut off when a server does not report why it stopped.
  const { text, cutAtOutputTokens, finishReason } = await askForUncutReply(context, { messages, temperature: 0 }, holdsClosedStatement);
  if (cutAtOutputTokens !== undefined) return { kind: 'unusable', error: cutReplyProblem(cutAtOutputTokens), reply: text };
  return readReply(text, finishReason);
}

/** What the repair prompt needs: the failed SQL and the database's exact error, or the guard's refusal. */
export interface RepairInput extends GenerationInput {
  /** The failed SQL, or the start of a reply that held none. */
  readonly failure: AttemptFailure;
}

/** Asks for corrected SQL, feeding back the failed statement and the engine's message or the guard's refusal. */
export async function repairSql(context: StageContext, input: RepairInput): Promise<SqlStatement | UnusableReply> {
  const common = {
    dialect: input.dialect.displayName,
    dialect_notes: context.prompts.dialectNotes(input.dialect.promptNotesFile),
    schema: schemaFor(context, input),
    question: input.question,
    failed_sql: input.failure.text,
  };
  const { refusal } = input.failure;
  const messages =
    refusal === undefined
      ? context.prompts.render('repair-sql', { ...common, error: input.failure.error })
      : context.prompts.render('repair-refused-sql', { ...common, ...refusal });
  return askForSql(context, messages);
}
