import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDataDirectory } from '../helpers/global-setup.js';
import { removeAttackFiles } from './helpers/file-listing.js';
import { OutcomeTally } from './helpers/outcome-tally.js';
import { startSingleDuckDbApp, type SingleSourceApp } from './helpers/single-source-app.js';

/*
 * Class 7: endless DuckDB scans on a source whose pool holds three connections, with a one-second
 * statement timeout. Six at once, several rounds (the escape was intermittent): every request must
 * answer, the source must still answer an ordinary question afterwards, and closing the service with
 * scans running must return within its grace period.
 */
const tally = new OutcomeTally('timeouts (DuckDB sales, pool of 3)');
const endlessScan = 'SELECT count(*) AS n FROM sales a, sales b, sales c';
/** Generous: a one-second timeout, six requests two deep on three connections. */
const answerDeadlineMs = 15_000;
const shutdownGraceMs = 1_000;

function withDeadline<T>(promise: Promise<T>, milliseconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe('class 7: statement timeouts hold under concurrency and at shutdown', () => {
  let sales: SingleSourceApp;
  let closed = false;

  beforeAll(async () => {
    sales = await startSingleDuckDbApp('sales', path.join(testDataDirectory, 'demo', 'sales.duckdb'), {
      SWITCHYARD_AUTH: 'off',
      SWITCHYARD_STATEMENT_TIMEOUT_MS: '1000',
      SWITCHYARD_MAX_SQL_ATTEMPTS: '1',
      SWITCHYARD_SHUTDOWN_GRACE_MS: String(shutdownGraceMs),
    });
  });

  afterAll(async () => {
    tally.print();
    if (!closed) await sales?.close();
    removeAttackFiles();
  });

  for (const round of [1, 2, 3]) {
    it(`round ${round}: six concurrent endless scans all answer with a stable error; the source still answers`, async () => {
      sales.model.sql = endlessScan;
      const requests = Array.from({ length: 6 }, (_value, index) =>
        sales.app.inject({ method: 'POST', url: '/query', payload: { question: `Count every combination ${round}.${index}`, source: 'sales' } }),
      );
      let breach = true;
      try {
        const responses = await withDeadline(Promise.all(requests), answerDeadlineMs, 'six endless scans');
        for (const response of responses) {
          expect(response.statusCode, response.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
          expect((response.json() as { error: { code: string } }).error.code).toMatch(/^SWY_ERR_/);
        }
        sales.model.sql = 'SELECT count(*) AS categories FROM category';
        const ordinary = await withDeadline(
          sales.app.inject({ method: 'POST', url: '/query', payload: { question: `How many categories? ${round}`, source: 'sales' } }),
          answerDeadlineMs,
          'an ordinary question after the scans',
        );
        expect(ordinary.statusCode, ordinary.body.slice(0, 200)).toBe(200);
        breach = false;
      } finally {
        tally.record(7, `7-duckdb-round-${round}`, breach ? 'leaked' : 'refused');
      }
    });
  }

  it('closing with endless scans running returns within the grace period and answers every request', async () => {
    sales.model.sql = endlessScan;
    // A timeout far beyond the test, so only shutdown can end these scans.
    const requests = Array.from({ length: 6 }, (_value, index) =>
      sales.app.inject({ method: 'POST', url: '/query', payload: { question: `Count at shutdown ${index}`, source: 'sales' } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    let breach = true;
    try {
      closed = true;
      await withDeadline(sales.close(), shutdownGraceMs + 10_000, 'closing the service');
      const responses = await withDeadline(Promise.all(requests), 5_000, 'requests running at shutdown');
      for (const response of responses) expect(response.statusCode).toBeGreaterThanOrEqual(400);
      breach = false;
    } finally {
      tally.record(7, '7-duckdb-shutdown', breach ? 'leaked' : 'refused');
      console.log(`[security] close with six endless scans running took ${Math.round(performance.now() - started)} ms`);
    }
  });
});
