import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletionReply, chatCompletionStreamReply, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { haveChromium, saveScreenshot, scriptMonthlyAnswer, startPageFixture, type PageFixture } from './browser-support.js';

describe.skipIf(!haveChromium)('the web page in headless Chromium, against the real service and a streaming OpenAI-compatible fake', () => {
  let fixture: PageFixture;
  let llm: FakeOpenAiServer;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    fixture = await startPageFixture();
    ({ llm, browser, origin } = fixture);
  });
  afterAll(async () => fixture?.close());

  it('asks a question, streams the answer, shows SQL, rows and a chart, and continues the conversation', async () => {
    scriptMonthlyAnswer(llm, ['Ticket sales ', 'peaked in ', 'the summer ', 'of 2008.']);
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(origin);
    // Example questions come from GET /catalog.
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(0);

    await page.getByLabel('Your question').fill('How many tickets were sold each month in 2008?');
    await page.getByLabel('Your question').press('Enter');
    await page.locator('#status', { hasText: 'Done' }).waitFor();

    expect(await page.locator('#answer').textContent()).toBe('Ticket sales peaked in the summer of 2008.');
    expect(await page.locator('#route').textContent()).toBe('sales: sales');
    expect(await page.locator('#sql').textContent()).toContain("date_trunc('month', saletime)");
    expect(await page.locator('#sql .hljs-keyword').count()).toBeGreaterThan(0);
    expect(await page.locator('#rows tbody tr').count()).toBe(12);
    await page.locator('#chart svg').waitFor();
    expect(await page.locator('#chart svg .mark-line path').count()).toBeGreaterThan(0);
    const download = await page.locator('#download').getAttribute('href');
    expect(download).toMatch(/^\/query\/[0-9a-f-]+\/rows\.csv$/);
    const csv = await page.evaluate(async (href) => (await fetch(href as string)).text(), download);
    expect(csv.split('\n')[0]).toBe('sale_month,tickets_sold');
    // Clicking the link saves the same file (fetched, then saved from a Blob URL) with the server's name.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(saved.suggestedFilename()).toMatch(/^switchyard-[0-9a-f]{8}\.csv$/);
    expect((await readFile(await saved.path(), 'utf8')).split('\n')[0]).toBe('sale_month,tickets_sold');
    // Without keys the API-key panel stays folded away.
    expect(await page.locator('#api-key-box').getAttribute('open')).toBeNull();

    await saveScreenshot(page, 'web-page-answer.png');

    // The explanation really streamed: the fake received stream: true for that call.
    expect(llm.requests[2]!.body).toMatchObject({ stream: true });

    // A follow-up in the same conversation.
    llm.script(
      chatCompletionReply('How many tickets were sold in San Diego each month in 2008?'),
      chatCompletionReply('{"source": "sales", "tables": ["sales", "event", "venue"]}'),
      chatCompletionReply(
        "<sql>SELECT date_trunc('month', s.saletime) AS sale_month, SUM(s.qtysold) AS tickets_sold FROM sales s JOIN event e ON e.eventid = s.eventid JOIN venue v ON v.venueid = e.venueid WHERE v.venuecity = 'San Diego' AND EXTRACT(YEAR FROM s.saletime) = 2008 GROUP BY 1 ORDER BY 1</sql>",
      ),
      chatCompletionStreamReply(['San Diego ', 'sold fewer tickets.']),
    );
    await page.getByLabel('Your question').fill('only San Diego');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.locator('#status', { hasText: 'Done' }).waitFor();
    expect(await page.locator('#answer').textContent()).toBe('San Diego sold fewer tickets.');
    expect(await page.locator('#standalone').textContent()).toContain('San Diego each month in 2008');
    const rewriteRequest = JSON.stringify(llm.requests[3]!.body);
    expect(rewriteRequest).toContain('How many tickets were sold each month in 2008?');
    expect(rewriteRequest).toContain('only San Diego');
    await saveScreenshot(page, 'web-page-follow-up.png');

    // Nothing left this origin, and the page raised no errors.
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('can be used from the keyboard: an example question is reachable with Tab and Enter', async () => {
    llm.script(
      chatCompletionReply('{"source": "sales", "tables": ["sales"]}'),
      chatCompletionReply('<sql>SELECT COUNT(*) AS sales_count FROM sales</sql>'),
      chatCompletionStreamReply(['Lots of sales.']),
    );
    const page = await browser.newPage();
    await page.goto(origin);
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(0);
    await page.locator('#question').focus();
    for (let presses = 0; presses < 10; presses += 1) {
      await page.keyboard.press('Tab');
      if ((await page.locator('#examples :focus').count()) > 0) break;
    }
    expect(await page.locator('#examples :focus').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.locator('#status', { hasText: 'Done' }).waitFor();
    expect(await page.locator('#answer').textContent()).toBe('Lots of sales.');
    // A single value: no chart.
    expect(await page.locator('#no-chart').isVisible()).toBe(true);
    await page.close();
  });
});
