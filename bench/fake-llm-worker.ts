/**
 * Worker-thread entry of ThreadedFakeLlm: runs the benchmark's fake LLM server off the measured
 * thread and keeps its totals in the shared memory it is given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { demoSalesQuestions } from './demo-sales-questions.js';
import { FakeLlmResponder } from './fake-llm-responder.js';

const { totals, source } = workerData as { totals: SharedArrayBuffer; source: string };
const responder = await FakeLlmResponder.start(demoSalesQuestions, source, { totals: new Float64Array(totals) });
parentPort?.postMessage({ baseUrl: responder.baseUrl });
parentPort?.once('message', () => {
  void responder.close().then(() => parentPort?.close());
});
