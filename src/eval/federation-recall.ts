import { buildEvalApp } from './eval-runner.js';
import type { EvalQuestion, EvalSuite } from './eval-types.js';

/** One question routing did not hand over whole. */
export interface FederationMiss {
  /** Question id. */
  readonly id: string;
  /** Gold `source.table` names routing left out. */
  readonly missing: string[];
  /** The sources routing handed over. */
  readonly handed: string[];
}

/** Routing's federation recall on a suite, measured without a model. */
export interface FederationRecall {
  /** Questions routed. */
  readonly questions: number;
  /** Questions whose every gold source and gold table was handed to chain 1. */
  readonly handedOver: number;
  /** handedOver / questions, in percent (one decimal). */
  readonly recall: number;
  /** Questions routing marked as spanning sources (RoutingOutcome.spansSources). */
  readonly markedFederated: number;
  /** The questions missed, with what was missing. */
  readonly misses: FederationMiss[];
}

function goldOf(question: EvalQuestion): readonly { source: string; tables: readonly string[] }[] {
  return question.goldSources ?? [{ source: question.source, tables: [] }];
}

/**
 * Routes every question of the suite on the real app with no language model and counts the questions
 * for which the candidates handed to chain 1 hold every source and every table the gold SQL reads.
 */
export async function measureFederationRecall(suite: EvalSuite): Promise<FederationRecall> {
  const app = await buildEvalApp(suite);
  const misses: FederationMiss[] = [];
  let markedFederated = 0;
  try {
    for (const question of suite.questions) {
      const outcome = await app.queryPipeline.routingCandidates(question.question);
      if ((outcome.spansSources?.length ?? 0) > 1) markedFederated += 1;
      const handed = new Map(outcome.sources.map((source) => [source.name, new Set(source.tables.map((table) => table.name))]));
      const missing = goldOf(question).flatMap(({ source, tables }) => {
        const shown = handed.get(source);
        if (shown === undefined) return [`${source}.*`];
        return tables.filter((table) => !shown.has(table)).map((table) => `${source}.${table}`);
      });
      if (missing.length > 0) misses.push({ id: question.id, missing, handed: [...handed.keys()] });
    }
  } finally {
    await app.close();
  }
  const questions = suite.questions.length;
  const handedOver = questions - misses.length;
  return { questions, handedOver, recall: questions === 0 ? 0 : Math.round((1000 * handedOver) / questions) / 10, markedFederated, misses };
}
