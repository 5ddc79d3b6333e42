import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackFilePrefix, removeAttackFiles } from './helpers/file-listing.js';
import { OutcomeTally } from './helpers/outcome-tally.js';
import { startSingleDuckDbApp, type SingleSourceApp } from './helpers/single-source-app.js';

/*
 * Class 6: ordinary data with long unbroken runs of letters (a DNA read, one repeated letter, a
 * base64 blob) flows into the explain prompt, whose tokens are counted. Counting must not hold the
 * event loop: while the question is answered, /health keeps answering for everyone.
 */
const tally = new OutcomeTally('long values (DuckDB lab source)');
/** Far below the 12–16 s stall these values caused, far above a healthy /health on a busy machine. */
const healthLatencyLimitMs = 1_000;

const longValues: Record<string, string> = {
  'dna-12000': Array.from({ length: 12_000 }, (_value, index) => 'ACGT'[(index * 7919 + (index >> 3)) % 4]).join(''),
};

describe('class 6: long values keep the service responsive', () => {
  let workDirectory: string;
  let lab: SingleSourceApp;

  beforeAll(async () => {
    workDirectory = await fs.mkdtemp(path.join(os.tmpdir(), `${attackFilePrefix}lab-`));
    const databaseFile = path.join(workDirectory, 'lab.duckdb');
    const instance = await DuckDBInstance.create(databaseFile);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE samples (sample_name VARCHAR, sequence VARCHAR)');
    for (const [name, value] of Object.entries(longValues)) await connection.run(`INSERT INTO samples VALUES ('${name}', '${value}')`);
    connection.closeSync();
    instance.closeSync();
    lab = await startSingleDuckDbApp('lab', databaseFile, { SWITCHYARD_AUTH: 'off' });
  });

  afterAll(async () => {
    tally.print();
    await lab?.close();
    removeAttackFiles();
  });

  for (const name of Object.keys(longValues)) {
    it(`answers a question over ${name} while /health stays responsive`, async () => {
      lab.model.sql = `SELECT sample_name, sequence FROM samples WHERE sample_name = '${name}'`;
      // A probe every 25 ms. A stall shows as a probe's own latency or as the gap since the previous
      // probe answered: a client calling /health in that gap waits that long.
      const waits: number[] = [];
      let answered = false;
      const answer = lab.app.inject({ method: 'POST', url: '/query', payload: { question: `Show the ${name} sample`, source: 'lab' } }).finally(() => {
        answered = true;
      });
      let previous = performance.now();
      while (!answered) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        const health = await lab.app.inject({ method: 'GET', url: '/health' });
        const now = performance.now();
        waits.push(now - previous - 25);
        previous = now;
        expect(health.statusCode).toBe(200);
      }
      const response = await answer;
      const slowest = Math.max(0, ...waits);
      const breach = response.statusCode !== 200 || slowest > healthLatencyLimitMs;
      tally.record(6, `6-duckdb-${name}`, breach ? 'leaked' : 'harmless');
      console.log(`[security] long value ${name}: answered ${response.statusCode}, slowest /health ${Math.round(slowest)} ms over ${waits.length} probes`);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
      expect(slowest, `slowest /health while answering ${name}`).toBeLessThan(healthLatencyLimitMs);
      // Long enough for the stall to end and be measured rather than cut off by the test's own timeout.
    }, 180_000);
  }
});
