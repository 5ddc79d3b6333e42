/** A pipeline stage whose duration is reported. */
export type StageName = 'route' | 'generate' | 'guard' | 'execute' | 'explain';

/** Accumulates wall time per stage (repair attempts add to generate, guard and execute). */
export class StageTimer {
  readonly #started = performance.now();
  readonly #totals: Record<StageName, number> = { route: 0, generate: 0, guard: 0, execute: 0, explain: 0 };

  /** Runs `work`, adding its duration to `stage` whether it succeeds or fails. */
  async measure<Result>(stage: StageName, work: () => Promise<Result> | Result): Promise<Result> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.#totals[stage] += performance.now() - start;
    }
  }

  /** Durations in milliseconds, rounded to 0.1 ms; `llmWaitMs` is the model's share of route, generate and explain. */
  timings(llmWaitMs = 0): { routeMs: number; generateMs: number; guardMs: number; executeMs: number; explainMs: number; llmMs: number; totalMs: number } {
    const round = (value: number) => Math.round(value * 10) / 10;
    return {
      routeMs: round(this.#totals.route),
      generateMs: round(this.#totals.generate),
      guardMs: round(this.#totals.guard),
      executeMs: round(this.#totals.execute),
      explainMs: round(this.#totals.explain),
      llmMs: round(llmWaitMs),
      totalMs: round(performance.now() - this.#started),
    };
  }
}
