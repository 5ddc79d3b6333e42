import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { askOnPage, expectFitsWidth, haveChromium, pageViewports, saveScreenshot, scriptAnswer, usePageAt, usePageFixture } from './browser-support.js';

/** The chart of a turn, once Vega has drawn it. */
async function drawnChart(turn: Locator): Promise<Locator> {
  const chart = turn.locator('.chart');
  await chart.locator('svg').waitFor();
  return chart;
}

/** The stroke colours of the chart's lines, as drawn. */
async function lineColours(chart: Locator): Promise<string[]> {
  const paths = chart.locator('svg .mark-line path');
  const colours: string[] = [];
  for (let index = 0; index < (await paths.count()); index += 1) colours.push((await paths.nth(index).getAttribute('stroke')) ?? '');
  return colours;
}

const axisLabels = (chart: Locator) => chart.locator('svg .role-axis-label text').allTextContents();

// Charts of real demo answers, drawn by Vega in the page: the shapes that were wrong before.
describe.skipIf(!haveChromium)('charts on the web page in headless Chromium', () => {
  // No answer cache: each width asks the model afresh, so every scripted reply is used where it is meant.
  const fixture = usePageFixture({ SWITCHYARD_CACHE: 'off' });

  for (const viewport of pageViewports) {
    describe(`${viewport.width} px wide`, () => {
      const openPage = usePageAt(fixture, viewport);

      it('tickets sold each month: ONE line over the month names, no legend', async () => {
        const page = openPage();
        scriptAnswer(
          fixture().llm,
          { source: 'sales', tables: ['sales'] },
          'SELECT EXTRACT(MONTH FROM saletime) AS month_number, monthname(saletime) AS month_name, SUM(qtysold) AS tickets_sold FROM sales GROUP BY 1, 2 ORDER BY 1',
        );
        const turn = await askOnPage(page, 'How many tickets were sold each month?');
        const chart = await drawnChart(turn);
        expect(await lineColours(chart)).toHaveLength(1);
        expect(await chart.locator('svg .role-legend').count()).toBe(0);
        expect(await axisLabels(chart)).toEqual(expect.arrayContaining(['January']));
        await expectFitsWidth(page);
        await saveScreenshot(turn, `web-page-chart-monthly-${viewport.width}.png`);
      });

      it('tickets per category each month: one line per category, no colour used twice, the legend inside the box', async () => {
        const page = openPage();
        scriptAnswer(
          fixture().llm,
          { source: 'sales', tables: ['sales', 'event', 'category'] },
          "SELECT c.catname, date_trunc('month', s.saletime) AS sale_month, SUM(s.qtysold) AS tickets FROM sales s JOIN event e ON e.eventid = s.eventid JOIN category c ON c.catid = e.catid GROUP BY 1, 2 ORDER BY 2, 1",
        );
        const turn = await askOnPage(page, 'How many tickets did each category sell each month?');
        const chart = await drawnChart(turn);
        const colours = await lineColours(chart);
        expect(colours.length).toBeGreaterThan(10);
        expect(new Set(colours).size).toBe(colours.length);
        const legend = (await chart.locator('svg .role-legend').boundingBox())!;
        const box = (await chart.boundingBox())!;
        expect(legend.x + legend.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
        await expectFitsWidth(page);
        await saveScreenshot(turn, `web-page-chart-series-${viewport.width}.png`);
      });

      it('top sellers: bars labelled by full name', async () => {
        const page = openPage();
        scriptAnswer(
          fixture().llm,
          { source: 'sales', tables: ['sales', 'users'] },
          'SELECT u.firstname, u.lastname, SUM(s.qtysold) AS tickets_sold FROM sales s JOIN users u ON u.userid = s.sellerid GROUP BY u.userid, u.firstname, u.lastname ORDER BY tickets_sold DESC LIMIT 5',
        );
        const turn = await askOnPage(page, 'Who are the top five sellers by tickets sold?');
        const [firstName, lastName] = await turn.locator('.rows tbody tr').first().locator('td').allTextContents();
        expect(await axisLabels(await drawnChart(turn))).toContain(`${firstName} ${lastName}`);
        await expectFitsWidth(page);
        await saveScreenshot(turn, `web-page-chart-sellers-${viewport.width}.png`);
      });

      it('best and worst stock: bars labelled by ticker', async () => {
        const page = openPage();
        scriptAnswer(
          fixture().llm,
          { source: 'finance', tables: ['all_stocks_5yr'] },
          `WITH may AS (SELECT name, arg_min(open, date) AS first_open, arg_max(close, date) AS last_close FROM all_stocks_5yr WHERE date BETWEEN DATE '2013-05-01' AND DATE '2013-05-31' GROUP BY name), ranked AS (SELECT name, ROUND(100 * (last_close - first_open) / first_open, 2) AS percent_change FROM may) (SELECT 'best' AS performance, name, percent_change FROM ranked ORDER BY percent_change DESC LIMIT 1) UNION ALL (SELECT 'worst' AS performance, name, percent_change FROM ranked ORDER BY percent_change ASC LIMIT 1)`,
        );
        const turn = await askOnPage(page, 'Which stock performed the best and the worst in May of 2013?');
        const [best, worst] = await turn.locator('.rows tbody tr td:nth-child(2)').allTextContents();
        expect(await axisLabels(await drawnChart(turn))).toEqual(expect.arrayContaining([`${best} (best)`, `${worst} (worst)`]));
        await expectFitsWidth(page);
        await saveScreenshot(turn, `web-page-chart-bars-${viewport.width}.png`);
      });
    });
  }
});
