/**
 * The zero-latency fake LLM of `npm run bench:load`, in its own process: sharing the load
 * generator's saturated event loop would delay its replies, and that delay would be counted as
 * Switchyard's pipeline overhead. Prints `{"baseUrl": "…"}` once listening; exits on SIGTERM.
 */
import { demoSalesQuestions } from './demo-sales-questions.js';
import { FakeLlmResponder } from './fake-llm-responder.js';

const llm = await FakeLlmResponder.start(demoSalesQuestions, 'sales', { countTokens: false });
process.stdout.write(`${JSON.stringify({ baseUrl: llm.baseUrl })}\n`);
process.once('SIGTERM', () => {
  void llm.close().then(() => process.exit(0));
});
