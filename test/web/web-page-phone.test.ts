import { describe, expect, it } from 'vitest';
import { askOnPage, expectFitsWidth, expectInViewport, haveChromium, saveScreenshot, scriptAnswer, scriptMonthlyAnswer, usePageFixture, watchConsole } from './browser-support.js';

/** An iPhone 12-14 sized viewport. */
const phone = { width: 390, height: 844 };

describe.skipIf(!haveChromium)('the web page in headless Chromium on a 390 px phone', () => {
  const fixture = usePageFixture();

  it('folds the examples, brings every answer into view and fits the chart and page to the width', async () => {
    const { browser, llm, origin } = fixture();
    const page = await browser.newPage({ viewport: phone, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const problems = watchConsole(page);
    await page.goto(origin);
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(0);
    // Ten example buttons would push the answer two screens down: on a phone they start folded.
    expect(await page.locator('#examples-box').getAttribute('open')).toBeNull();
    expect(await page.locator('#examples button').first().isVisible()).toBe(false);

    scriptMonthlyAnswer(llm, ['Ticket sales ', 'were highest ', 'in January 2008.']);
    const first = await askOnPage(page, 'How many tickets were sold each month in 2008?');
    await expectInViewport(page, first.locator('.answer'));
    await first.locator('.chart svg').waitFor();
    expect(await first.locator('.chart svg .mark-line path').count()).toBe(1);
    await expectFitsWidth(page);
    await saveScreenshot(page, 'web-page-answer-390.png');

    // Opened and used, the examples fold away again, and the next answer comes into view as well.
    await page.locator('#examples-box > summary').click();
    await page.locator('#examples button').first().waitFor();
    scriptAnswer(llm, { source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS total_sales FROM sales', ['There are ', 'many ticket sales.']);
    const turns = await page.locator('#thread > li.turn').count();
    await page.locator('#examples button').first().click();
    const second = page.locator('#thread > li.turn').nth(turns);
    await second.locator('.turn-status', { hasText: 'Done' }).waitFor();
    expect(await page.locator('#examples-box').getAttribute('open')).toBeNull();
    await expectInViewport(page, second.locator('.answer'));
    expect(await second.locator('.answer').textContent()).toBe('There are many ticket sales.');
    await expectFitsWidth(page);
    await saveScreenshot(page, 'web-page-second-answer-390-viewport.png', { viewport: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
