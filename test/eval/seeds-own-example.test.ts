import { describe, expect, it } from 'vitest';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import { runSuite } from '../../src/eval/eval-runner.js';
import type { EvalSuite } from '../../src/eval/eval-types.js';
import { OracleLanguageModel } from '../../src/eval/oracle-language-model.js';
import { loadSeedsSuite } from '../../src/eval/seeds-suite.js';
import type { GenerateOptions, GenerateResult } from '../../src/llm/language-model.js';
import { testDataDirectory } from '../helpers/global-setup.js';
import { sharedPath } from '../helpers/services.js';

/** The oracle, keeping every SQL-writing prompt with the question it was asked for. */
class PromptRecordingOracle extends OracleLanguageModel {
  readonly sqlPrompts: { question: string; prompt: string }[] = [];
  #question = '';

  override expect(answer: Parameters<OracleLanguageModel['expect']>[0]): void {
    this.#question = answer.question;
    super.expect(answer);
  }

  override async generate(options: GenerateOptions): Promise<GenerateResult> {
    const prompt = options.messages.map((message) => message.content).join('\n');
    if (prompt.includes('<sql></sql>')) this.sqlPrompts.push({ question: this.#question, prompt });
    return super.generate(options);
  }
}

describe('seeds eval', () => {
  it("leaves a seed question's own few-shot example out of its SQL prompt and keeps the others", async (context) => {
    const seeds = sharedPath('seeds');
    if (seeds === undefined) return context.skip('the seeds are absent');
    const loaded = await loadSeedsSuite({ config: readServiceConfig({}), benchRoot: '', seedsRoot: seeds });
    const suite: EvalSuite = { ...loaded, environment: { SWITCHYARD_DATA_DIR: testDataDirectory } };
    const oracle = new PromptRecordingOracle();
    const outcomes = await runSuite(suite, { oracle });
    expect(outcomes.every((outcome) => outcome.correct)).toBe(true);
    expect(suite.questions.length).toBeGreaterThanOrEqual(8);
    for (const question of suite.questions) {
      const prompts = oracle.sqlPrompts.filter((entry) => entry.question === question.question);
      expect(prompts.length, question.question).toBeGreaterThan(0);
      for (const { prompt } of prompts) {
        expect(prompt, question.question).not.toContain(question.goldSql);
        expect(prompt, question.question).not.toContain(`Question: ${question.question}\n<sql>`);
      }
    }
    // The other curated examples still reach the prompt, as they do in production.
    expect(oracle.sqlPrompts.some(({ prompt }) => prompt.includes('Examples of questions and the SQL that answers them'))).toBe(true);
  }, 120_000);
});
