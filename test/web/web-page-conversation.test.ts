import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletionReply, chatCompletionStreamReply, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { haveChromium, scriptMonthlyAnswer, startPageFixture, type PageFixture } from './browser-support.js';

describe.skipIf(!haveChromium)('the web page when its conversation has expired on the server', () => {
  let fixture: PageFixture;
  let llm: FakeOpenAiServer;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    fixture = await startPageFixture({ SWITCHYARD_CONVERSATION_TTL_SECONDS: '1' });
    ({ llm, browser, origin } = fixture);
  });
  afterAll(async () => fixture?.close());

  it('asks the question afresh, says so, and shows no error', async () => {
    scriptMonthlyAnswer(llm, ['Ticket sales ', 'peaked in the summer.']);
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(origin);
    await page.getByLabel('Your question').fill('How many tickets were sold each month in 2008?');
    await page.getByLabel('Your question').press('Enter');
    await page.locator('#status', { hasText: 'Done' }).waitFor();
    const modelCallsBefore = llm.requests.length;

    // The conversation outlives its TTL on the server; the page still holds its id.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    llm.script(
      chatCompletionReply('{"source": "sales", "tables": ["sales"]}'),
      chatCompletionReply('<sql>SELECT COUNT(*) AS sales FROM sales</sql>'),
      chatCompletionStreamReply(['There were ', 'many sales.']),
    );
    await page.getByLabel('Your question').fill('How many sales were there?');
    await page.getByLabel('Your question').press('Enter');
    await page.locator('#status', { hasText: 'Done' }).waitFor();

    expect(await page.locator('#conversation-notice').isVisible()).toBe(true);
    expect(await page.locator('#conversation-notice').textContent()).toContain('asked as a new one');
    expect(await page.locator('#error').isVisible()).toBe(false);
    expect(await page.locator('#answer').textContent()).toBe('There were many sales.');
    // The refused follow-up cost no model call: only the fresh question's three.
    expect(llm.requests.length - modelCallsBefore).toBe(3);
    await page.close();
  });
});
