import type { CatalogSource, CatalogTable, FewShotExample } from '../catalog/catalog-types.js';
import { renderSchemaWithSamples } from '../catalog/table-info-renderer.js';
import { fitSchemaToBudget } from './schema-prompt-fitter.js';
import type { SqlDialect } from '../dialects/sql-dialect.js';
import type { LanguageModelMessage } from '../llm/language-model.js';
import type { StageContext } from './stage-context.js';
import type { GuardRule } from '../guard/guard-rejection.js';
import type { FinishReason } from '../llm/finish-reason.js';
import { extractSql, incompleteReason } from './sql-extractor.js';
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

/** What a model reply offers the guard: one statement, several to refuse as a whole, or nothing runnable. */
export type GeneratedSql =
  | {
      /** One complete statement. */
      readonly kind: 'statement';
      /** The statement. */
      readonly sql: string;
      /** The raw reply. */
      readonly reply: string;
    }
  | {
      /** Several statements, refused together: the repair turn asks for exactly one. */
      readonly kind: 'several';
      /** All of them joined with `;`, so the guard judges everything the model sent. */
      readonly sql: string;
      /** Each statement. */
      readonly statements: string[];
      /** The raw reply. */
      readonly reply: string;
    }
  | {
      /** No SQL, or SQL cut off before its end: nothing may run. */
      readonly kind: 'unusable';
      /** Why, worded for the attempt trace and the repair prompt. */
      readonly error: string;
      /** The raw reply. */
      readonly reply: string;
    };

/** Reads a reply into what the attempt loop judges next, knowing why the model stopped. */
function readReply(reply: string, finishReason: FinishReason): GeneratedSql {
  const extraction = extractSql(reply);
  if (extraction.kind === 'none') return { kind: 'unusable', error: 'The model reply contained no SQL inside <sql></sql> tags.', reply };
  if (extraction.kind === 'several') return { kind: 'several', sql: extraction.statements.join(';\n'), statements: extraction.statements, reply };
  // A model that ended on its own meant its reply to end there; when the server does not say why it
  // stopped, a reply that ends inside its tag may have been cut off and is not run.
  const incomplete = incompleteReason(extraction, finishReason === 'stop' ? 'finished' : 'unknown');
  return incomplete === undefined ? { kind: 'statement', sql: extraction.sql, reply } : { kind: 'unusable', error: incomplete, reply };
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

/** A reply whose one statement is closed by its tag or fence is whole, whatever prose the limit cut after it. */
function holdsClosedStatement(text: string): boolean {
  const extraction = extractSql(text);
  return extraction.kind === 'statement' && extraction.closed && extraction.cutOff === undefined;
}

async function askForSql(context: StageContext, messages: LanguageModelMessage[]): Promise<GeneratedSql> {
  // No stop at </sql>: providers drop the stop sequence from the text, and the closing tag is what tells
  // a finished statement from one cut off when a server does not report why it stopped.
  const { text, cutAtOutputTokens, finishReason } = await askForUncutReply(context, { messages, temperature: 0 }, holdsClosedStatement);
  if (cutAtOutputTokens !== undefined) return { kind: 'unusable', error: cutReplyProblem(cutAtOutputTokens), reply: text };
  return readReply(text, finishReason);
}

/** A guard refusal a rewrite can lift: its rule, its reason and what to change. */
export interface RepairableRefusal {
  /** The rule the statement broke. */
  readonly rule: GuardRule;
  /** The guard's reason. */
  readonly reason: string;
  /** What a rewrite must change (from guardRuleRepairs). */
  readonly advice: string;
}

/** What the repair prompt needs: the failed SQL and the database's exact error, or the guard's refusal. */
export interface RepairInput extends GenerationInput {
  /** The SQL that failed. */
  readonly failedSql: string;
  /** The error text as the database reported it, or why the reply held no runnable statement. */
  readonly error: string;
  /** Set when the guard refused the SQL: the prompt then quotes its rule and reason. */
  readonly refusal?: RepairableRefusal | undefined;
}

/** Asks for corrected SQL, feeding back the failed statement and the engine's message or the guard's refusal. */
export async function repairSql(context: StageContext, input: RepairInput): Promise<GeneratedSql> {
  const common = {
    dialect: input.dialect.displayName,
    dialect_notes: context.prompts.dialectNotes(input.dialect.promptNotesFile),
    schema: schemaFor(context, input),
    question: input.question,
    failed_sql: input.failedSql,
  };
  const messages =
    input.refusal === undefined
      ? context.prompts.render('repair-sql', { ...common, error: input.error })
      : context.prompts.render('repair-refused-sql', { ...common, ...input.refusal });
  return askForSql(context, messages);
}
