/**
 * `npm run bench:adapters`: what each model adapter costs per call on loopback. Every provider answers
 * 200 whole and 200 streamed calls from its local protocol emulator (the fake servers of the tests,
 * speaking chat completions, SageMaker Runtime with TGI bodies, and Bedrock Converse over HTTP/2), built
 * through the same factory the service uses (timeout and retry wrapper included). The emulators run in
 * this process, so the figures include their work too: compare them between versions of the adapters,
 * not with a model's own time. The emulators pause 2 ms between streamed frames, so a stream's wall
 * time is mostly those pauses and its CPU time per call is the figure to compare. Prints one line per
 * provider and mode, and last one JSON object.
 */
import { createLanguageModel } from '../src/llm/language-model-factory.js';
import type { LanguageModel } from '../src/llm/language-model.js';
import { readServiceConfig } from '../src/config/service-config-reader.js';
import { readLlmSettings } from '../src/llm/llm-settings.js';
import { collectStream } from '../src/llm/language-model-stream.js';
import { converseReply, converseStreamReply, FakeBedrockServer } from '../test/helpers/fake-bedrock-server.js';
import { chatCompletionReply, chatCompletionStreamReply, FakeOpenAiServer } from '../test/helpers/fake-openai-server.js';
import { FakeSagemakerServer, tgiReply, tgiStreamReply } from '../test/helpers/fake-sagemaker-server.js';

const calls = Number(process.env.BENCH_CALLS ?? 200);
const warmUpCalls = 20;
const awsCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const messages = [
  { role: 'system' as const, content: 'You write PostgreSQL for the sales database. Answer with one statement inside <sql></sql>.' },
  { role: 'user' as const, content: 'How many tickets were sold in 2008, by month?' },
];
const answer = '<sql>SELECT date_trunc(\'month\', saletime) AS month, sum(qtysold) FROM sales GROUP BY 1 ORDER BY 1</sql>';
const answerPieces = answer.match(/.{1,12}/g) ?? [answer];

/** One provider under test: its model and a way to queue the next reply on its emulator. */
interface Subject {
  readonly provider: string;
  readonly model: LanguageModel;
  readonly scriptWhole: () => void;
  readonly scriptStreamed: () => void;
  readonly close: () => Promise<void>;
}

function modelFor(environment: NodeJS.ProcessEnv): LanguageModel {
  const creation = createLanguageModel(readLlmSettings(readServiceConfig(environment)), { awsCredentials });
  if (!('model' in creation)) throw new Error(`missing settings: ${creation.missing.join(', ')}`);
  return creation.model;
}

async function subjects(): Promise<Subject[]> {
  const openai = await FakeOpenAiServer.start();
  const sagemaker = await FakeSagemakerServer.start();
  const bedrock = await FakeBedrockServer.start();
  return [
    {
      provider: 'openai',
      model: modelFor({ SWITCHYARD_LLM: 'openai', OPENAI_BASE_URL: openai.baseUrl, SWITCHYARD_LLM_MODEL: 'fake-model' }),
      scriptWhole: () => openai.script(chatCompletionReply(answer)),
      scriptStreamed: () => openai.script(chatCompletionStreamReply(answerPieces)),
      close: () => openai.close(),
    },
    {
      provider: 'sagemaker',
      model: modelFor({ SWITCHYARD_LLM: 'sagemaker', SWITCHYARD_SAGEMAKER_ENDPOINT: 'mixtral-tgi', AWS_REGION: 'eu-west-1', SWITCHYARD_SAGEMAKER_ENDPOINT_URL: sagemaker.endpointUrl }),
      scriptWhole: () => sagemaker.script(tgiReply(answer)),
      scriptStreamed: () => sagemaker.script(tgiStreamReply(answerPieces)),
      close: () => sagemaker.close(),
    },
    {
      provider: 'bedrock',
      model: modelFor({ SWITCHYARD_LLM: 'bedrock', SWITCHYARD_BEDROCK_MODEL: 'mistral.mixtral-8x7b-instruct-v0:1', AWS_REGION: 'us-east-1', SWITCHYARD_BEDROCK_ENDPOINT_URL: bedrock.endpointUrl }),
      scriptWhole: () => bedrock.script(converseReply(answer)),
      scriptStreamed: () => bedrock.script(converseStreamReply(answerPieces)),
      close: () => bedrock.close(),
    },
  ];
}

/** Wall and CPU milliseconds per call over `count` sequential calls. */
async function timeCalls(count: number, call: () => Promise<unknown>): Promise<{ medianMs: number; meanMs: number; cpuMsPerCall: number }> {
  const durations: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await call();
    durations.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  durations.sort((left, right) => left - right);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    medianMs: round(durations[Math.floor(count / 2)] ?? 0),
    meanMs: round(durations.reduce((sum, value) => sum + value, 0) / count),
    cpuMsPerCall: round((cpu.user + cpu.system) / 1000 / count),
  };
}

const results: Record<string, unknown> = {};
for (const subject of await subjects()) {
  try {
    const whole = async () => {
      subject.scriptWhole();
      await subject.model.generate({ messages, maxOutputTokens: 256, stopSequences: ['</sql>'] });
    };
    const streamed = async () => {
      subject.scriptStreamed();
      if (subject.model.stream === undefined) throw new Error(`${subject.provider} cannot stream`);
      await collectStream(subject.model.stream({ messages, maxOutputTokens: 256 }), { provider: subject.provider });
    };
    await timeCalls(warmUpCalls, whole);
    await timeCalls(warmUpCalls, streamed);
    const figures = { generate: await timeCalls(calls, whole), stream: await timeCalls(calls, streamed) };
    results[subject.provider] = figures;
    for (const [mode, timing] of Object.entries(figures)) {
      console.log(`${subject.provider} ${mode}: median ${timing.medianMs} ms, mean ${timing.meanMs} ms, ${timing.cpuMsPerCall} ms CPU per call (${calls} calls)`);
    }
  } finally {
    await subject.close();
  }
}
console.log(JSON.stringify({ benchmark: 'model-adapters', calls, results }));
