import { describe, expect, it } from 'vitest';
import { askOnPage, haveChromium, scriptAnswer, scriptMonthlyAnswer, usePageFixture, watchConsole } from './browser-support.js';

describe.skipIf(!haveChromium)('the web page when its conversation has expired on the server', () => {
  const fixture = usePageFixture({ SWITCHYARD_CONVERSATION_TTL_SECONDS: '1' });

  it('asks the question afresh, says so, and shows no error', async () => {
    const { browser, llm, origin } = fixture();
    scriptMonthlyAnswer(llm, ['Ticket sales ', 'peaked in the summer.']);
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const problems = watchConsole(page);
    await page.goto(origin);
    await askOnPage(page, 'How many tickets were sold each month in 2008?');
    const modelCallsBefore = llm.requests.length;

    // The conversation outlives its TTL on the server; the page still holds its id.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    scriptAnswer(llm, { source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS sales FROM sales', ['There were ', 'many sales.']);
    const turn = await askOnPage(page, 'How many sales were there?');

    // The same turn is asked again, not a second one, and it says why.
    expect(await page.locator('#thread > li.turn').count()).toBe(2);
    expect(await turn.locator('.turn-notice').isVisible()).toBe(true);
    expect(await turn.locator('.turn-notice').textContent()).toContain('asked as a new one');
    expect(await turn.locator('.turn-error').isVisible()).toBe(false);
    expect(await turn.locator('.answer').textContent()).toBe('There were many sales.');
    // The refused follow-up cost no model call: only the fresh question's three.
    expect(llm.requests.length - modelCallsBefore).toBe(3);
    // The refused follow-up is a 404 inside the stream, not a failed request: the console stays clean.
    expect(problems).toEqual([]);
    await page.close();
  });
});
