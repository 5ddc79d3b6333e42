import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chatCompletionReply, chatCompletionStreamReply } from '../helpers/fake-openai-server.js';
import {
  askOnPage,
  expectFitsWidth,
  expectInViewport,
  haveChromium,
  lastTurn,
  saveScreenshot,
  scriptAnswer,
  scriptMonthlyAnswer,
  usePageFixture,
  watchConsole,
} from './browser-support.js';

/** Claims filed each month of one year, from the demo's legal source. */
const monthlyClaimsSql = (year: number) =>
  `SELECT date_trunc('month', write_time) AS claim_month, COUNT(*) AS claims FROM claims WHERE EXTRACT(YEAR FROM write_time) = ${year} GROUP BY 1 ORDER BY 1`;

describe.skipIf(!haveChromium)('the web page in headless Chromium at 1280 px, against the real service and a streaming OpenAI-compatible fake', () => {
  const fixture = usePageFixture();

  it('streams an answer with the SQL as the model wrote it, formatted rows and one line over the months', async () => {
    const { browser, llm, origin } = fixture();
    scriptMonthlyAnswer(llm, ['Ticket sales ', 'peaked in ', 'January ', 'of 2008.']);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchConsole(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));

    await page.goto(origin);
    // Example questions come from GET /catalog; on a wide screen they start unfolded.
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(0);
    expect(await page.locator('#examples-box').getAttribute('open')).not.toBeNull();

    const turn = await askOnPage(page, 'How many tickets were sold each month in 2008?');
    expect(await turn.locator('.turn-status').textContent()).toBe('Done: 12 rows.');
    // Asking folds the examples away.
    expect(await page.locator('#examples-box').getAttribute('open')).toBeNull();
    expect(await turn.locator('.answer').textContent()).toBe('Ticket sales peaked in January of 2008.');
    await expectInViewport(page, turn.locator('.answer'));
    expect(await turn.locator('.route').textContent()).toBe('sales: sales');

    // The SQL box shows the model's SQL; the guard's LIMIT is a note, not part of what Copy SQL copies.
    const sql = await turn.locator('.query').textContent();
    expect(sql).toContain("date_trunc('month', saletime)");
    expect(sql).not.toContain('LIMIT');
    expect(await turn.locator('.query .hljs-keyword').count()).toBeGreaterThan(0);
    expect(await turn.locator('.query-heading').textContent()).toBe('SQL');
    expect(await turn.locator('.limit-note').textContent()).toContain('Switchyard applied LIMIT 1001');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await turn.getByRole('button', { name: 'Copy SQL' }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(sql);

    // Rows: dates without the time of midnight, counts grouped for the reader's locale.
    expect(await turn.locator('.rows tbody tr').count()).toBe(12);
    expect(await turn.locator('.rows tbody tr').first().locator('td').allTextContents()).toEqual(['2008-01-01', '39,070']);
    expect(await turn.locator('.rows tbody td.number').count()).toBe(12);

    // One line: a single series, no legend.
    await turn.locator('.chart svg').waitFor();
    expect(await turn.locator('.chart svg .mark-line path').count()).toBe(1);
    expect(await turn.locator('.chart svg .role-legend').count()).toBe(0);
    await expectFitsWidth(page);

    const download = await turn.locator('.download').getAttribute('href');
    expect(download).toMatch(/^\/query\/[0-9a-f-]+\/rows\.csv$/);
    // Clicking the link saves the file (fetched, then saved from a Blob URL) with the server's name.
    const [saved] = await Promise.all([page.waitForEvent('download'), turn.locator('.download').click()]);
    expect(saved.suggestedFilename()).toMatch(/^switchyard-[0-9a-f]{8}\.csv$/);
    expect((await readFile(await saved.path(), 'utf8')).split('\n')[0]).toBe('sale_month,tickets_sold');
    // Without keys the API-key panel stays folded away.
    expect(await page.locator('#api-key-box').getAttribute('open')).toBeNull();
    await saveScreenshot(page, 'web-page-answer-1280.png');

    // The explanation really streamed: the fake received stream: true for that call.
    expect(llm.requests[2]!.body).toMatchObject({ stream: true });
    // Nothing left this origin (the favicon included), and the console stayed clean.
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
    expect(requested).toContain(`${origin}/favicon.svg`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps a thread: 2023 and then "and in 2024?" are both on screen to compare', async () => {
    const { browser, llm, origin } = fixture();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchConsole(page);
    await page.goto(origin);
    scriptAnswer(llm, { source: 'legal', tables: ['claims'] }, monthlyClaimsSql(2023), ['Claims were steady ', 'through 2023.']);
    const first = await askOnPage(page, 'How many claims were filed each month in 2023?');
    expect(await first.locator('.turn-status').textContent()).toMatch(/^Done: 12 rows/);

    llm.script(
      chatCompletionReply('How many claims were filed each month in 2024?'),
      chatCompletionReply('{"source": "legal", "tables": ["claims"]}'),
      chatCompletionReply(`<sql>${monthlyClaimsSql(2024)}</sql>`),
      chatCompletionStreamReply(['2024 had ', 'more claims.']),
    );
    const second = await askOnPage(page, 'And in 2024?');
    expect(await second.locator('.turn-notice').textContent()).toBe('Answered as: How many claims were filed each month in 2024?');
    expect(await page.locator('#thread > li.turn').count()).toBe(2);
    // The earlier turn folds its details; both questions and answers stay in view together.
    expect(await first.locator('.turn-details').getAttribute('open')).toBeNull();
    expect(await second.locator('.turn-details').getAttribute('open')).not.toBeNull();
    for (const turn of [first, second]) {
      await expectInViewport(page, turn.locator('.turn-question'));
      await expectInViewport(page, turn.locator('.answer'));
    }
    expect(await first.locator('.answer').textContent()).toBe('Claims were steady through 2023.');
    expect(await second.locator('.answer').textContent()).toBe('2024 had more claims.');
    const rewriteRequest = JSON.stringify(llm.requests.at(-4)!.body);
    expect(rewriteRequest).toContain('How many claims were filed each month in 2023?');
    expect(rewriteRequest).toContain('And in 2024?');
    await expectFitsWidth(page);
    await saveScreenshot(page, 'web-page-thread-1280.png');

    // The thread is kept for the tab: a reload shows both questions and answers again.
    await page.reload();
    await expect.poll(() => page.locator('#thread > li.turn').count()).toBe(2);
    expect(await page.locator('#thread .answer').allTextContents()).toEqual(['Claims were steady through 2023.', '2024 had more claims.']);
    expect(await lastTurn(page).locator('.query').textContent()).toContain('= 2024');
    await page.getByRole('button', { name: 'Clear the thread' }).click();
    expect(await page.locator('#thread > li').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('can be used from the keyboard: an example question is reachable with Tab and Enter', async () => {
    const { browser, llm, origin } = fixture();
    scriptAnswer(llm, { source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS sales_count FROM sales', ['Lots of sales.']);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchConsole(page);
    await page.goto(origin);
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(0);
    await page.locator('#question').focus();
    for (let presses = 0; presses < 10; presses += 1) {
      await page.keyboard.press('Tab');
      if ((await page.locator('#examples :focus').count()) > 0) break;
    }
    expect(await page.locator('#examples :focus').count()).toBe(1);
    await page.keyboard.press('Enter');
    const turn = lastTurn(page);
    await turn.locator('.turn-status', { hasText: 'Done' }).waitFor();
    expect(await turn.locator('.answer').textContent()).toBe('Lots of sales.');
    // A single value: no chart, and no empty chart box.
    expect(await turn.locator('.no-chart').isVisible()).toBe(true);
    expect(await turn.locator('.chart-section').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
