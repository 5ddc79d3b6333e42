import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chatCompletionReply, chatCompletionStreamReply, FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { repositoryRoot } from '../helpers/services.js';
import { buildTestApp } from '../helpers/test-app.js';

const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

// Screenshots are left for a person to look at; nothing compares them.
const screenshotDirectory = path.join(repositoryRoot, '.artifacts', 'screenshots');

/** SQL the fake model writes for "tickets sold each month in 2008": twelve rows, a line chart. */
const monthlySql =
  "SELECT date_trunc('month', saletime) AS sale_month, SUM(qtysold) AS tickets_sold FROM sales WHERE EXTRACT(YEAR FROM saletime) = 2008 GROUP BY 1 ORDER BY 1";

/** Whether Chromium is installed; without it the browser tests skip, except on CI where that is an error. */
export const haveChromium = existsSync(chromiumPath);
if (!haveChromium) {
  if (process.env.CI === 'true') throw new Error(`${chromiumPath} is missing (CI=true requires it; .ci/run installs it)`);
  console.warn(`[skip] ${chromiumPath} is missing; the browser test is skipped (apt-get install -y chromium)`);
}

/** The real service listening on a port, a streaming OpenAI-compatible fake as its model, and a browser. */
export interface PageFixture {
  /** The fake model server; each test scripts its replies. */
  readonly llm: FakeOpenAiServer;
  /** The service. */
  readonly app: FastifyInstance;
  /** Headless Chromium. */
  readonly browser: Browser;
  /** The service's address, e.g. http://127.0.0.1:41234. */
  readonly origin: string;
  /** Stops the browser, the service and the fake. */
  close(): Promise<void>;
}

/** Starts the service (with extra environment, e.g. API keys) against the fake model, and Chromium. */
export async function startPageFixture(environment: Record<string, string> = {}): Promise<PageFixture> {
  const llm = await FakeOpenAiServer.start();
  const app = await buildTestApp({
    environment: { SWITCHYARD_LLM: 'openai', OPENAI_BASE_URL: llm.baseUrl, SWITCHYARD_LLM_MODEL: 'fake-sql-model', ...environment },
  });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  return {
    llm,
    app,
    browser,
    origin,
    close: async () => {
      await browser.close();
      await app.close();
      await llm.close();
    },
  };
}

/** Scripts the fake for the monthly ticket question: route to sales, monthlySql, then the answer streamed in pieces. */
export function scriptMonthlyAnswer(llm: FakeOpenAiServer, answerPieces: string[]): void {
  llm.script(
    chatCompletionReply('{"source": "sales", "tables": ["sales"]}'),
    chatCompletionReply(`<sql>${monthlySql}</sql>`),
    chatCompletionStreamReply(answerPieces),
  );
}

/** Saves a full-page screenshot under .artifacts/screenshots. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDirectory, name), fullPage: true });
}
