import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

// Screenshots are left for a person to look at; the tests assert on the boxes of what they show.
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

/** Starts the service (with extra environment, e.g. API keys) against the fake model, or with no model at all, and Chromium. */
export async function startPageFixture(environment: Record<string, string> = {}, options: { readonly withoutModel?: boolean } = {}): Promise<PageFixture> {
  const llm = await FakeOpenAiServer.start();
  const model: Record<string, string> = options.withoutModel === true ? {} : { SWITCHYARD_LLM: 'openai', OPENAI_BASE_URL: llm.baseUrl, SWITCHYARD_LLM_MODEL: 'fake-sql-model' };
  const app = await buildTestApp({ environment: { ...model, ...environment } });
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

/** Starts a PageFixture before the describe block's tests and closes it after them; call the result inside a test. */
export function usePageFixture(environment: Record<string, string> = {}, options: { readonly withoutModel?: boolean } = {}): () => PageFixture {
  let fixture: PageFixture | undefined;
  beforeAll(async () => {
    fixture = await startPageFixture(environment, options);
  });
  afterAll(async () => fixture?.close());
  return () => fixture!;
}

/** The widths every page test runs at: a laptop and a 390 px phone. */
export const pageViewports = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/**
 * Opens one page at `viewport` for the describe block's tests, shared by them in order, and asserts
 * when the block ends that its console stayed free of errors and warnings.
 */
export function usePageAt(fixture: () => PageFixture, viewport: { width: number; height: number }): () => Page {
  let page: Page | undefined;
  let problems: string[] = [];
  beforeAll(async () => {
    page = await fixture().browser.newPage({ viewport });
    problems = watchConsole(page);
    await page.goto(fixture().origin);
    await page.locator('#examples button').first().waitFor({ state: 'attached' });
  });
  afterAll(async () => {
    expect(problems).toEqual([]);
    await page?.close();
  });
  return () => page!;
}

/** Scripts one answer: route to `source` and `tables`, the model's `sql`, then a streamed explanation. */
export function scriptAnswer(llm: FakeOpenAiServer, route: { source: string; tables: string[] }, sql: string, answerPieces = ['Here is ', 'the result.']): void {
  llm.script(chatCompletionReply(JSON.stringify(route)), chatCompletionReply(`<sql>${sql}</sql>`), chatCompletionStreamReply(answerPieces));
}

/** Scripts the fake for the monthly ticket question: route to sales, monthlySql, then the answer streamed in pieces. */
export function scriptMonthlyAnswer(llm: FakeOpenAiServer, answerPieces: string[]): void {
  scriptAnswer(llm, { source: 'sales', tables: ['sales'] }, monthlySql, answerPieces);
}

/**
 * Saves a screenshot under .artifacts/screenshots: of a page, the full page or with `viewport` only
 * what is on screen; of an element (a turn, say), just that element.
 */
export async function saveScreenshot(target: Page | Locator, name: string, options: { viewport?: boolean } = {}): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  const file = path.join(screenshotDirectory, name);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: options.viewport !== true });
  else await target.screenshot({ path: file });
}

/** Collects every console error and uncaught page error, so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
  });
  return problems;
}

/** The newest turn of the thread. */
export function lastTurn(page: Page): Locator {
  return page.locator('#thread > li.turn').last();
}

/** Asks a question from the question box and waits until its turn is done, failed or stopped. */
export async function askOnPage(page: Page, question: string): Promise<Locator> {
  const turns = await page.locator('#thread > li.turn').count();
  await page.getByLabel('Your question').fill(question);
  await page.getByLabel('Your question').press('Enter');
  await expect.poll(() => page.locator('#thread > li.turn').count()).toBe(turns + 1);
  // By position: the last turn is another one once the next question is asked.
  const turn = page.locator('#thread > li.turn').nth(turns);
  await turn.locator('.turn-status', { hasText: /^(Done|Failed|Stopped)/ }).waitFor();
  return turn;
}

/** Asserts that the element is wholly inside the viewport as it is scrolled now. */
export async function expectInViewport(page: Page, element: Locator): Promise<void> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, 'element is rendered').not.toBeNull();
  expect(box!.y, 'top inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, 'bottom inside the viewport').toBeLessThanOrEqual(viewport.height + 0.5);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, 'right edge inside the viewport').toBeLessThanOrEqual(viewport.width + 0.5);
}

/** Asserts that nothing on the page is wider than the viewport and each chart fits inside its box. */
export async function expectFitsWidth(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), 'no horizontal scrolling').toBeLessThanOrEqual(viewport.width);
  const charts = page.locator('.turn .chart');
  for (let index = 0; index < (await charts.count()); index += 1) {
    const chart = charts.nth(index);
    if (!(await chart.isVisible())) continue;
    const box = (await chart.boundingBox())!;
    const svg = (await chart.locator('svg').boundingBox())!;
    expect(svg.width, 'chart no wider than its box').toBeLessThanOrEqual(box.width + 0.5);
    expect(svg.x + svg.width, 'chart ends inside its box').toBeLessThanOrEqual(box.x + box.width + 0.5);
  }
}
