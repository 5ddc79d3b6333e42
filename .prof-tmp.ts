import path from 'node:path';
import { buildApp } from './src/app.js';
import { readSettings } from './src/config/settings.js';
import { demoSalesQuestions } from './bench/demo-sales-questions.js';
import { FakeLlmResponder } from './bench/fake-llm-responder.js';
const llm = await FakeLlmResponder.start(demoSalesQuestions, 'sales', { countTokens: false });
const environment = { ...process.env, SWITCHYARD_CATALOG_DIR: path.resolve('catalog'), SWITCHYARD_DATA_DIR: path.resolve('.artifacts/bench-data'), SWITCHYARD_LLM: 'openai', OPENAI_BASE_URL: llm.baseUrl, SWITCHYARD_LLM_MODEL: 'fake-model', SWITCHYARD_CACHE: 'off', SWITCHYARD_RATE_LIMIT_MAX: '0' };
const app = await buildApp({ settings: readSettings(environment), environment });
const sums: Record<string, number> = {};
for (let round = 0; round < 4; round++) for (const { question } of demoSalesQuestions) {
  const r = await app.inject({ method: 'POST', url: '/query', payload: { question } });
  const t = r.json().timings; if (round > 0) for (const k of Object.keys(t)) sums[k] = (sums[k] ?? 0) + t[k] / 150;
}
console.log(JSON.stringify(sums));
await app.close(); await llm.close();
