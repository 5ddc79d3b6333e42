import { Worker } from 'node:worker_threads';
import type { ResponderTotals } from './fake-llm-responder.js';

/**
 * BENCHMARK TEST DOUBLE: FakeLlmResponder (zero-latency OpenAI-compatible server over the demo
 * questions) in its own worker thread. On the measured thread, its HTTP handling and token counting
 * would be charged to whichever framework is waiting on it; here they are the model server's own
 * time, as on a real deployment, and the totals arrive through shared memory.
 */
export class ThreadedFakeLlm {
  readonly baseUrl: string;
  readonly #worker: Worker;
  readonly #totals: Float64Array;

  private constructor(worker: Worker, totals: Float64Array, baseUrl: string) {
    this.#worker = worker;
    this.#totals = totals;
    this.baseUrl = baseUrl;
  }

  /** Starts the worker and waits until its server listens; `source` is the source routing replies name. */
  static async start(source: string): Promise<ThreadedFakeLlm> {
    const totals = new Float64Array(new SharedArrayBuffer(3 * Float64Array.BYTES_PER_ELEMENT));
    // Workers start without the TypeScript loader the benchmark runs under; this entry registers it.
    const worker = new Worker(new URL('./fake-llm-worker-loader.mjs', import.meta.url), { workerData: { totals: totals.buffer, source } });
    const baseUrl = await new Promise<string>((resolve, reject) => {
      worker.once('message', (message: { baseUrl: string }) => resolve(message.baseUrl));
      worker.once('error', reject);
    });
    return new ThreadedFakeLlm(worker, totals, baseUrl);
  }

  /** Totals since the last reset (calls, prompt tokens, server milliseconds). */
  get totals(): ResponderTotals {
    return { calls: this.#totals[0] ?? 0, promptTokens: this.#totals[1] ?? 0, answerMs: this.#totals[2] ?? 0 };
  }

  /** Zeroes the totals; call only while no request is in flight. */
  reset(): void {
    this.#totals.fill(0);
  }

  /** Stops the server and the worker. */
  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.#worker.once('exit', resolve));
    this.#worker.postMessage('close');
    await exited;
  }
}
