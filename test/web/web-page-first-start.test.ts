import { describe, expect, it } from 'vitest';
import { expectFitsWidth, haveChromium, lastTurn, pageViewports, saveScreenshot, usePageAt, usePageFixture } from './browser-support.js';

// A newcomer's first start: the demo and no model. The first example question spans two sources; it is
// answered from its curated SQL by the real service, federated, and the page shows the plan.
describe.skipIf(!haveChromium)('the first start on the web page, without a model, in headless Chromium', () => {
  const fixture = usePageFixture({ SWITCHYARD_CACHE: 'off' }, { withoutModel: true });

  for (const viewport of pageViewports) {
    describe(`${viewport.width} px wide`, () => {
      const openPage = usePageAt(fixture, viewport);

      it('answers the first example, a question across two sources, and shows its plan', async () => {
        const page = openPage();
        if (viewport.width < 700) await page.locator('#examples-box > summary').click();
        const first = page.locator('#examples button').first();
        const question = await first.textContent();
        await first.click();
        const turn = lastTurn(page);
        await turn.locator('.turn-status', { hasText: /^Done/ }).waitFor({ timeout: 30_000 });
        expect(await turn.locator('.turn-notice').textContent()).toContain('No language model is connected');
        expect(await turn.locator('.route').textContent()).toMatch(/^\w+ \+ \w+: /);
        if ((await turn.locator('.plan-box').getAttribute('open')) === null) await turn.locator('.plan-box > summary').click();
        const parts = turn.locator('.plan-parts > li');
        expect(await parts.count()).toBe(2);
        for (const text of await parts.locator('.part-figures').allTextContents()) expect(text).toMatch(/rows?/);
        expect(await turn.locator('.rows-section table tbody tr').count()).toBeGreaterThan(0);
        expect(question).toBeTruthy();
        await expectFitsWidth(page);
        await saveScreenshot(turn, `web-page-first-start-${viewport.width}.png`);
      });
    });
  }
});
