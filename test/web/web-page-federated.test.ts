import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { adjusterQuestion, claimsPart, combineSql, employeesPart, failedPartEvents, federatedAnswerSteps, trinoAnswerEvents } from './federated-answer-script.js';
import { askOnPage, expectFitsWidth, expectInViewport, haveChromium, lastTurn, pageViewports, saveScreenshot, scriptAnswer, usePageAt, usePageFixture } from './browser-support.js';
import { FederatedStreamDouble } from './federated-stream-double.js';

/** Asserts that no SQL box of the turn is wider than the box around it: long SQL wraps instead. */
async function expectSqlWraps(turn: Locator): Promise<void> {
  const boxes = turn.locator('.sql-box pre');
  for (let index = 0; index < (await boxes.count()); index += 1) {
    const box = boxes.nth(index);
    if (!(await box.isVisible())) continue;
    const { scrollWidth, clientWidth } = await box.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(scrollWidth, `SQL box ${index + 1} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
  }
}

/** Opens the plan when it is folded (as it is on a phone), as a reader would. */
async function openPlan(turn: Locator): Promise<void> {
  if ((await turn.locator('.plan-box').getAttribute('open')) === null) await turn.locator('.plan-box > summary').click();
}

/** The texts of each part's heading pieces, in plan order. */
async function partHeadings(turn: Locator): Promise<string[][]> {
  const parts = turn.locator('.plan-parts > li');
  const headings: string[][] = [];
  for (let index = 0; index < (await parts.count()); index += 1) {
    const part = parts.nth(index);
    headings.push([
      (await part.getAttribute('value'))!,
      (await part.locator('.part-table').textContent())!,
      (await part.locator('.part-source').textContent())!,
      (await part.locator('.part-figures').textContent())!,
    ]);
  }
  return headings;
}

// Federated answers are answered here by FederatedStreamDouble, a test double of POST /query/stream that
// speaks its wire format and checks every event against the published schemas, until the pipeline
// answers them itself. Everything else is the real service: the page, /catalog (the sources' kinds) and a
// single-source question answered by the real pipeline through the double.
describe.skipIf(!haveChromium)('federated answers on the web page in headless Chromium (scripted by a test double of /query/stream)', () => {
  const fixture = usePageFixture({ SWITCHYARD_CACHE: 'off' });
  let double: FederatedStreamDouble | undefined;
  beforeAll(async () => {
    double = await FederatedStreamDouble.start(fixture().origin);
  });
  afterAll(async () => double?.close());

  for (const viewport of pageViewports) {
    describe(`${viewport.width} px wide`, () => {
      const openPage = usePageAt(() => ({ ...fixture(), origin: double!.origin }), viewport);
      const wide = viewport.width >= 700;

      it('shows each part as it is read, then the plan: each part\'s source and kind, rows, time, pushed filters and SQL, and the combine step', async () => {
        const page: Page = openPage();
        const script = double!.queue(...federatedAnswerSteps());
        await page.getByLabel('Your question').fill(adjusterQuestion);
        await page.getByLabel('Your question').press('Enter');
        expect(await script.request).toEqual({ question: adjusterQuestion });
        const turn = lastTurn(page);

        // route: both sources, source-qualified tables, no plan yet.
        await turn.locator('.route').waitFor();
        expect(await turn.locator('.route').textContent()).toBe('legal + hr: legal.claims, hr.employees');
        expect(await turn.locator('.plan-box').isVisible()).toBe(false);

        // The first part: its line appears, the plan opens to show it, on a phone too.
        await script.next();
        await expect.poll(() => turn.locator('.plan-parts .part-progress').allTextContents()).toEqual(['legal.claims: 1,204 rows in 35 ms']);
        expect(await turn.locator('.plan-box').getAttribute('open')).not.toBeNull();
        expect(await turn.locator('.plan-summary').textContent()).toBe('Plan: reading the sources, 1 part read so far');
        expect(await turn.locator('.turn-status').textContent()).toBe('Reading the sources: 1 part read…');
        await expectFitsWidth(page);
        await saveScreenshot(turn, `web-page-federated-streaming-${viewport.width}.png`);

        // The rest: the finished plan replaces the progress lines.
        await script.next();
        await turn.locator('.turn-status', { hasText: /^Done/ }).waitFor();
        expect(await turn.locator('.turn-status').textContent()).toBe('Done: 5 rows.');
        expect(await turn.locator('.answer').textContent()).toBe('Georgi Facello handled the most fraudulent claims in 2024 (31); he was hired on 1986-06-26.');
        await expectInViewport(page, turn.locator('.answer'));
        expect(await turn.locator('.route').textContent()).toBe('legal + hr: legal.claims, hr.employees');

        // The SQL box: the combine query, headed by the engine and the sources, never one source's name.
        expect(await turn.locator('.query-heading').textContent()).toBe('SQL: DuckDB over legal + hr');
        expect(await turn.locator('.query').textContent()).toBe(combineSql);
        expect(await turn.locator('.attempts-box').isVisible()).toBe(false);

        // Open on a wide screen; folded on a phone, where its summary line still tells the plan.
        const plan = turn.locator('.plan-box');
        expect(await plan.getAttribute('open'), 'plan open').toBe(wide ? '' : null);
        expect(await turn.locator('.plan-summary').textContent()).toBe('Plan: 2 parts from legal + hr, 3,204 rows moved, combined in DuckDB in 12 ms');
        await openPlan(turn);
        expect(await partHeadings(turn)).toEqual([
          ['1', 'legal.claims', 'legal (DuckDB)', '1,204 rows · 48 kB · 35 ms'],
          ['2', 'hr.employees', 'hr (DuckDB)', '2,000 rows · 92 kB · 1.5 s'],
        ]);
        const [claims, employees] = [turn.locator('.plan-parts > li').nth(0), turn.locator('.plan-parts > li').nth(1)];
        expect(await claims.locator('.pushed-filter').allTextContents()).toEqual(claimsPart.pushedFilters);
        expect(await employees.locator('.pushed-filter').count()).toBe(0);
        expect(await employees.locator('.part-filters').textContent()).toBe('No filter pushed down: every row of these columns was read.');
        expect(await claims.locator('.part-sql').textContent()).toBe(claimsPart.sql);
        expect(await employees.locator('.part-sql').textContent()).toBe(employeesPart.sql);
        expect(await claims.locator('.part-sql .hljs-keyword').count()).toBeGreaterThan(0);
        expect(await turn.locator('.plan-combine').textContent()).toMatch(/^Combine step: DuckDB in 12 ms\. /);

        // Each part's SQL copies as it is, and the main box still copies the combine query.
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
        await turn.getByRole('button', { name: 'Copy the SQL of part 2' }).click();
        expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(employeesPart.sql);
        await turn.getByRole('button', { name: 'Copy SQL', exact: true }).click();
        expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(combineSql);

        expect(await turn.locator('.rows tbody tr').count()).toBe(5);
        // The long extraction SQL wraps: nothing scrolls sideways, not even inside a SQL box.
        await expectFitsWidth(page);
        await expectSqlWraps(turn);
        await saveScreenshot(turn, `web-page-federated-plan-${viewport.width}.png`);
      });

      it('keeps the answer with its plan across a reload', async () => {
        const page = openPage();
        await page.reload();
        await page.locator('#examples button').first().waitFor({ state: 'attached' });
        // The thread is drawn from the kept copy as the page starts.
        await expect.poll(() => page.locator('#thread > li.turn').count()).toBe(1);
        const turn = lastTurn(page);
        expect(await turn.locator('.turn-details').getAttribute('open')).toBeNull();
        expect(await turn.locator('.route').textContent()).toBe('legal + hr: legal.claims, hr.employees');
        expect(await turn.locator('.query-heading').textContent()).toBe('SQL: DuckDB over legal + hr');
        expect(await turn.locator('.plan-summary').textContent()).toBe('Plan: 2 parts from legal + hr, 3,204 rows moved, combined in DuckDB in 12 ms');
        // A restored turn is folded; opened, its plan is whole again, kinds included.
        await turn.locator('.turn-details > summary').click();
        await openPlan(turn);
        expect(await partHeadings(turn)).toEqual([
          ['1', 'legal.claims', 'legal (DuckDB)', '1,204 rows · 48 kB · 35 ms'],
          ['2', 'hr.employees', 'hr (DuckDB)', '2,000 rows · 92 kB · 1.5 s'],
        ]);
        expect(await turn.locator('.plan-parts > li').nth(0).locator('.part-sql').textContent()).toBe(claimsPart.sql);
        expect(await turn.locator('.plan-parts > li').nth(0).locator('.pushed-filter').allTextContents()).toEqual(claimsPart.pushedFilters);
        await expectFitsWidth(page);
        await expectSqlWraps(turn);
      });

      it('names the part a failure happened in and says what to do', async () => {
        const page = openPage();
        double!.queue(failedPartEvents());
        const turn = await askOnPage(page, adjusterQuestion);
        expect(await turn.locator('.turn-status').textContent()).toBe('Failed.');
        expect(await turn.locator('.error-message').textContent()).toMatch(/part 2 \(hr\.employees\).*\(SWY_ERR_SOURCE_UNAVAILABLE\)$/);
        expect(await turn.locator('.error-advice').textContent()).toBe(
          'Part 2 (hr.employees): The database did not answer. Try again shortly; if it persists, ask whoever runs Switchyard to check that source.',
        );
        await expectInViewport(page, turn.locator('.turn-error'));
        expect(await turn.locator('.plan-summary').textContent()).toBe('Plan: part 2 failed');
        expect(await turn.locator('.plan-parts .part-progress').allTextContents()).toEqual(['legal.claims: 1,204 rows in 35 ms', 'hr.employees: failed (see the error above)']);
        expect(await turn.locator('.plan-parts > li.failed').count()).toBe(1);
        for (const empty of ['.answer', '.query-section', '.rows-section', '.chart-section']) expect(await turn.locator(empty).isVisible(), empty).toBe(false);
        await expectFitsWidth(page);
        await saveScreenshot(turn, `web-page-federated-error-${viewport.width}.png`);
      });

      it('says which Trino source ran a question whole, with no parts', async () => {
        const page = openPage();
        double!.queue(trinoAnswerEvents());
        const turn = await askOnPage(page, adjusterQuestion);
        expect(await turn.locator('.turn-status').textContent()).toBe('Done: 5 rows.');
        expect(await turn.locator('.query-heading').textContent()).toBe('SQL: run by Trino source warehouse');
        expect(await turn.locator('.plan-summary').textContent()).toBe('Plan: run whole by Trino source warehouse');
        await openPlan(turn);
        expect(await turn.locator('.plan-engine').textContent()).toBe('Run whole by Trino source warehouse over legal + hr: no part was extracted, so no rows moved through Switchyard.');
        expect(await turn.locator('.plan-parts > li').count()).toBe(0);
        expect(await turn.locator('.plan-parts').isVisible()).toBe(false);
        expect(await turn.locator('.plan-combine').isVisible()).toBe(false);
        await expectFitsWidth(page);
      });

      it('shows a single-source answer of the real pipeline as before: no plan, a plain SQL heading', async () => {
        const page = openPage();
        scriptAnswer(fixture().llm, { source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS sales_count FROM sales', ['Lots of ', 'sales.']);
        const turn = await askOnPage(page, 'How many sales were there?');
        expect(await turn.locator('.turn-status').textContent()).toBe('Done: 1 row.');
        expect(await turn.locator('.answer').textContent()).toBe('Lots of sales.');
        expect(await turn.locator('.route').textContent()).toBe('sales: sales');
        expect(await turn.locator('.query-heading').textContent()).toBe('SQL');
        expect(await turn.locator('.plan-box').isVisible()).toBe(false);
        expect(await turn.locator('.plan-parts > li').count()).toBe(0);
        await expectFitsWidth(page);
      });
    });
  }
});
