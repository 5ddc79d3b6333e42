import { describe, expect, it } from 'vitest';
import { chatCompletionReply, chatCompletionStreamReply } from '../helpers/fake-openai-server.js';
import {
  askOnPage,
  expectFitsWidth,
  expectInViewport,
  haveChromium,
  lastTurn,
  pageViewports,
  saveScreenshot,
  scriptAnswer,
  scriptMonthlyAnswer,
  usePageAt,
  usePageFixture,
} from './browser-support.js';

// What a turn shows besides a plain answer: a stopped question, an answer whose figures are not in the
// rows, a failure, NULLs, and an answer from a REST source. Each at 1280 and at 390 px wide.
describe.skipIf(!haveChromium)('the web page in headless Chromium: stopped, unchecked, failed, NULL and REST answers', () => {
  // No answer cache: each width asks the model afresh, so every scripted reply is used where it is meant.
  const fixture = usePageFixture({ SWITCHYARD_MAX_SQL_ATTEMPTS: '2', SWITCHYARD_CACHE: 'off' });

  for (const viewport of pageViewports) {
    describe(`${viewport.width} px wide`, () => {
      const openPage = usePageAt(fixture, viewport);

      it('stops a question in flight: the request is aborted and the turn says it was stopped', async () => {
        const page = openPage();
        const { llm } = fixture();
        // The model never answers the SQL call: only Stop ends the question.
        llm.script(chatCompletionReply('{"source": "sales", "tables": ["sales"]}'), { hang: true });
        const modelCalls = llm.requests.length;
        await page.getByLabel('Your question').fill('How many tickets were sold in total?');
        await page.getByLabel('Your question').press('Enter');
        const turn = lastTurn(page);
        await turn.locator('.turn-status', { hasText: 'Writing the query' }).waitFor();
        // Stopped while the model is writing the SQL, so its hanging reply is the one cancelled.
        await expect.poll(() => llm.requests.length).toBe(modelCalls + 2);
        expect(await page.getByRole('button', { name: 'Ask' }).isDisabled()).toBe(true);
        const aborted = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/query/stream'));
        await page.getByRole('button', { name: 'Stop' }).click();
        expect((await aborted).failure()?.errorText).toMatch(/ABORTED/);
        await turn.locator('.turn-status', { hasText: 'Stopped' }).waitFor();
        expect(await turn.locator('.turn-status').textContent()).toContain('you stopped this question');
        expect(await turn.locator('.turn-error').isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Ask' }).isDisabled()).toBe(false);
        expect(await page.getByRole('button', { name: 'Stop' }).isVisible()).toBe(false);
      });

      it('warns when the answer states figures that are not in the rows', async () => {
        const page = openPage();
        const { llm } = fixture();
        scriptMonthlyAnswer(llm, ['Sales peaked at ', '41,000 tickets ', 'in January.']);
        const turn = await askOnPage(page, 'How many tickets were sold each month in 2008?');
        const warning = turn.locator('.grounding');
        expect(await warning.isVisible()).toBe(true);
        expect(await warning.textContent()).toContain('“41,000” does not appear in the rows');
        await expectInViewport(page, turn.locator('.answer'));
        await expectFitsWidth(page);
        await saveScreenshot(page, `web-page-grounding-${viewport.width}.png`, { viewport: true });
      });

      it('shows a failure with its code and what to do, keeps the database error\'s line breaks, and leaves no empty boxes', async () => {
        const page = openPage();
        const { llm } = fixture();
        llm.script(
          chatCompletionReply('{"source": "sales", "tables": ["sales"]}'),
          chatCompletionReply('<sql>SELECT no_such_column FROM sales</sql>'),
          chatCompletionReply('<sql>SELECT still_missing FROM sales</sql>'),
        );
        const turn = await askOnPage(page, 'How many widgets were sold?');
        expect(await turn.locator('.turn-status').textContent()).toBe('Failed.');
        const error = turn.locator('.turn-error');
        expect(await error.locator('.error-message').textContent()).toContain('(SWY_ERR_REPAIR_EXHAUSTED)');
        expect(await error.locator('.error-advice').textContent()).toContain('Rephrase the question');
        await expectInViewport(page, error);
        for (const empty of ['.answer', '.query-section', '.chart-section', '.no-chart', '.rows-section', '.grounding']) {
          expect(await turn.locator(empty).isVisible(), empty).toBe(false);
        }
        // Both attempts are listed with DuckDB's message as it wrote it, over several lines.
        expect(await turn.locator('.attempts-box').getAttribute('open')).not.toBeNull();
        expect(await turn.locator('.attempts > li').count()).toBe(2);
        const databaseError = turn.locator('.attempts .attempt-error').first();
        const text = (await databaseError.textContent())!;
        expect(text).toMatch(/no_such_column[\s\S]*\n[\s\S]*LINE 1:/);
        // Measured against the attempt's one-line SQL above it: a collapsed message would be one or two lines.
        const ranSql = turn.locator('.attempts > li').first().locator('pre').first();
        const oneLine = (await ranSql.boundingBox())!.height / (await ranSql.textContent())!.split('\n').length;
        const box = (await databaseError.boundingBox())!;
        expect(box.height, 'the error is drawn on as many lines as it has').toBeGreaterThan(oneLine * (text.trim().split('\n').length - 0.5));
        await expectFitsWidth(page);
        await saveScreenshot(page, `web-page-error-${viewport.width}.png`, { viewport: true });
      });

      it('shows NULL as a visible word, not an empty cell', async () => {
        const page = openPage();
        scriptAnswer(fixture().llm, { source: 'sales', tables: ['users'] }, 'SELECT userid, likesports FROM users WHERE likesports IS NULL ORDER BY userid LIMIT 3');
        const turn = await askOnPage(page, 'Which users did not say whether they like sports?');
        const nulls = turn.locator('.rows td.null');
        expect(await nulls.count()).toBe(3);
        expect(await nulls.allTextContents()).toEqual(['NULL', 'NULL', 'NULL']);
        // An id keeps its digits ungrouped.
        expect(Number(await turn.locator('.rows tbody tr').first().locator('td').first().textContent())).toBeGreaterThan(0);
      });

      it('labels a REST answer as an HTTP request and says why it offers no CSV', async () => {
        const page = openPage();
        const { llm } = fixture();
        llm.script(
          chatCompletionReply('{"source": "product", "tables": ["listProducts"]}'),
          chatCompletionReply('<request>{"operation": "listProducts", "parameters": {"category": "outdoor", "sort": "price", "order": "asc", "limit": 3}}</request>'),
          chatCompletionStreamReply(['The cheapest is ', 'the trekking poles.']),
        );
        const turn = await askOnPage(page, 'What are the three cheapest outdoor products?');
        expect(await turn.locator('.query-heading').textContent()).toBe('HTTP request');
        expect(await turn.locator('.query').textContent()).toBe('GET /products?category=outdoor&sort=price&order=asc&limit=3');
        expect(await turn.getByRole('button', { name: 'Copy request' }).isVisible()).toBe(true);
        expect(await turn.locator('.query .hljs-keyword').count()).toBe(0);
        expect(await turn.locator('.limit-note').isVisible()).toBe(false);
        expect(await turn.locator('.download').isVisible()).toBe(false);
        expect(await turn.locator('.no-download').textContent()).toContain('this answer came from one HTTP request to a REST source');
        expect(await turn.locator('.rows tbody tr').count()).toBe(3);
        await expectFitsWidth(page);
      });
    });
  }
});
