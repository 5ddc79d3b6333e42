import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiKeyItem, type KeyStorage } from '../../src/web/api-client.js';
import { apiKeyFor } from '../ops/ops-test-support.js';
import { askOnPage, haveChromium, lastTurn, saveScreenshot, scriptMonthlyAnswer, usePageFixture, watchConsole } from './browser-support.js';

/** Chromium logs every 401 answer as a failed resource; those are the refusals this test provokes on purpose. */
const expectedRefusal = /status of 401 \(Unauthorized\)/;

/** The key the page holds in sessionStorage, and how many items it keeps in localStorage (none). */
function storedKey(page: Page): Promise<{ session: string | null; localItems: number }> {
  return page.evaluate((item) => {
    const { sessionStorage, localStorage } = globalThis as unknown as { sessionStorage: KeyStorage; localStorage: { length: number } };
    return { session: sessionStorage.getItem(item), localItems: localStorage.length };
  }, apiKeyItem);
}

describe.skipIf(!haveChromium)('the web page in headless Chromium with API keys on', () => {
  const client = apiKeyFor('web-page', '*');
  const fixture = usePageFixture({ SWITCHYARD_API_KEYS: JSON.stringify([client.entry]), SWITCHYARD_RATE_LIMIT_MAX: '0' });

  it('asks for a key on 401, sends it as X-API-Key on every request, downloads CSV with it, and clears it', async () => {
    const { browser, llm, origin } = fixture();
    scriptMonthlyAnswer(llm, ['Sales peaked ', 'in summer.']);
    const page = await browser.newPage();
    const apiRequests: { path: string; apiKey: string | undefined }[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/catalog' || path.startsWith('/query')) apiRequests.push({ path, apiKey: request.headers()['x-api-key'] });
    });
    // A Content-Security-Policy refusal shows up only as a console error.
    const problems = watchConsole(page);

    // Without a key GET /catalog answers 401: the panel opens and says a key is needed.
    await page.goto(origin);
    const message = page.locator('#api-key-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('requires an API key');
    expect(await page.locator('#api-key-box').getAttribute('open')).not.toBeNull();
    expect(await page.locator('#examples button').count()).toBe(0);

    // A wrong key is checked with the service when it is used, refused, and not saved.
    await page.getByLabel('API key', { exact: true }).fill('swy_wrong');
    await page.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => message.textContent()).toContain('Key refused');
    expect(await message.textContent()).toContain('was not saved');
    expect(await storedKey(page)).toEqual({ session: null, localItems: 0 });
    expect(await page.locator('#api-key-state').textContent()).toBe('(not set)');

    // The right key is accepted and loads the examples; it sits in sessionStorage only, and the field is emptied.
    await page.getByLabel('API key', { exact: true }).fill(client.key);
    await page.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => page.locator('#api-key-feedback').textContent()).toBe('Key accepted and kept for this tab.');
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(0);
    expect(await message.isHidden()).toBe(true);
    expect(await page.locator('#api-key-state').textContent()).toBe('(set for this tab)');
    expect(await page.getByLabel('API key', { exact: true }).inputValue()).toBe('');
    expect(await storedKey(page)).toEqual({ session: client.key, localItems: 0 });

    const turn = await askOnPage(page, 'How many tickets were sold each month in 2008?');
    expect(await turn.locator('.answer').textContent()).toBe('Sales peaked in summer.');
    await turn.locator('.chart svg').waitFor();

    // The download link cannot carry a header: the page fetches it with the key and saves the Blob.
    const [saved] = await Promise.all([page.waitForEvent('download'), turn.locator('.download').click()]);
    expect(saved.suggestedFilename()).toMatch(/^switchyard-[0-9a-f]{8}\.csv$/);
    expect((await readFile(await saved.path(), 'utf8')).split('\n')[0]).toBe('sale_month,tickets_sold');
    await saveScreenshot(page, 'web-page-api-key.png');

    const keyed = apiRequests.filter((request) => request.apiKey === client.key).map((request) => request.path);
    expect(keyed).toEqual(expect.arrayContaining(['/catalog', '/query/stream', expect.stringMatching(/^\/query\/[0-9a-f-]+\/rows\.csv$/)]));

    // Clearing forgets the key: the next question is refused and the panel asks again.
    await page.getByRole('button', { name: 'Clear key' }).click();
    expect(await storedKey(page)).toEqual({ session: null, localItems: 0 });
    expect(await page.locator('#api-key-state').textContent()).toBe('(not set)');
    await page.getByLabel('Your question').fill('How many sales?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const refused = lastTurn(page);
    await refused.locator('.turn-error', { hasText: 'SWY_ERR_UNAUTHORIZED' }).waitFor();
    expect(await refused.locator('.error-advice').textContent()).toContain('Enter a valid API key');
    expect(await message.textContent()).toContain('requires an API key');
    expect(apiRequests.at(-1)).toEqual({ path: '/query/stream', apiKey: undefined });

    expect(problems.filter((problem) => !expectedRefusal.test(problem))).toEqual([]);
    await page.close();
  });

  it('keeps the key for the tab across a reload', async () => {
    const { browser, origin } = fixture();
    const page = await browser.newPage();
    await page.goto(origin);
    await page.getByLabel('API key', { exact: true }).fill(client.key);
    await page.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(0);
    expect(await page.locator('#api-key-message').isHidden()).toBe(true);
    await page.close();
  });
});
