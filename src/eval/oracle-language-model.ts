import { SwitchyardError } from '../errors/switchyard-error.js';
import type { GenerateOptions, GenerateResult, LanguageModel } from '../llm/language-model.js';

/** The answer key for the question being asked now. */
export interface OracleAnswer {
  /** The question text; every prompt must contain it, so a mix-up fails loudly. */
  readonly question: string;
  /** Gold source name. */
  readonly source: string;
  /** Tables of the gold source that the gold SQL references. */
  readonly tables: string[];
  /** Gold SQL. */
  readonly goldSql: string;
  /** Every source the gold SQL reads with its tables, when it reads several: the routing reply then names them all. */
  readonly sources?: readonly { readonly source: string; readonly tables: readonly string[] }[];
}

/** The fixed explanation the oracle gives; it knows the SQL, not what the rows mean. */
export const oracleExplanation = 'The oracle does not explain results; see the rows.';

function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * TEST DOUBLE that knows the answers: not a model. For the question being evaluated it answers the
 * routing prompt with the gold source and the tables the gold SQL reads (every gold source with its
 * tables, in the multi-source form, when the gold reads several), every SQL-writing (and
 * repair) prompt with the gold SQL, and any other prompt (explanations) with a fixed sentence.
 * With it the eval harness must score 100 %: any miss is a bug in routing validation, the guard,
 * a connector, row capping or the comparison — never in the "model".
 */
export class OracleLanguageModel implements LanguageModel {
  readonly provider = 'oracle';
  readonly modelId = 'gold-sql-oracle';
  private answer: OracleAnswer | undefined;

  /** Sets the question being asked next; the harness asks one question at a time. */
  expect(answer: OracleAnswer): void {
    this.answer = answer;
  }

  async generate(options: GenerateOptions): Promise<GenerateResult> {
    const prompt = options.messages.map((message) => message.content).join('\n');
    const text = this.reply(prompt);
    return { text, usage: { promptTokens: approximateTokens(prompt), completionTokens: approximateTokens(text) }, finishReason: 'stop' };
  }

  private reply(prompt: string): string {
    const answer = this.answer;
    const isRoute = prompt.includes('{"source": "<source name>"');
    const isSql = prompt.includes('<sql></sql>');
    if (!isRoute && !isSql) return oracleExplanation;
    if (answer === undefined || !prompt.includes(answer.question)) {
      throw new SwitchyardError('SWY_ERR_LLM_BAD_OUTPUT', 'The oracle was asked about a question it was not told to expect', {
        details: { stage: isRoute ? 'route' : 'generate' },
      });
    }
    if (isRoute && answer.sources !== undefined && answer.sources.length > 1) {
      return JSON.stringify({ sources: answer.sources.map(({ source, tables }) => ({ source, tables })) });
    }
    if (isRoute) return JSON.stringify({ source: answer.source, tables: answer.tables });
    return `<sql>\n${answer.goldSql}\n</sql>`;
  }
}
