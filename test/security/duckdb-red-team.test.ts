import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasListRenamingCases, duckDbColumnSelectionCases } from './corpus/renaming-cases.js';
import { duckDbStateFunctionCases } from './corpus/state-function-cases.js';
import { duckDbStringSqlCases } from './corpus/string-sql-cases.js';
import { duckDbTableFunctionSweepCases } from './corpus/table-function-sweep-cases.js';
import { duckDbTableMacroCases } from './corpus/table-macro-cases.js';
import { duckDbPaths, startDuckDbTarget, type DuckDbPaths, type DuckDbTarget } from './helpers/duckdb-demo-target.js';
import { removeAttackFiles } from './helpers/file-listing.js';
import { OutcomeTally } from './helpers/outcome-tally.js';
import { describeVerdict, probeCase } from './helpers/pipeline-probe.js';
import type { SecurityCase } from './helpers/security-case.js';

/*
 * Classes 1–4 on the demo's DuckDB sources (sales: users.email and users.phone are PII) plus an `ops`
 * source with a PII column and an overlay-hidden table, through the whole pipeline as a client whose
 * key reaches sales and ops only. Corpus paths are fixed before the target starts, so the case list
 * (and each test's name) is known when the file is collected.
 */
const target = { current: undefined as DuckDbTarget | undefined };
const tally = new OutcomeTally('DuckDB (demo sources + ops)');
const paths = duckDbPaths('red-team');
const sweep = await duckDbTableFunctionSweepCases(paths);

function corpus(fixed: DuckDbPaths): SecurityCase[] {
  return [
    ...duckDbTableMacroCases(fixed),
    ...duckDbStringSqlCases(fixed),
    ...aliasListRenamingCases({
      engine: 'duckdb',
      source: 'sales',
      table: 'users',
      columnCount: 18,
      piiPosition: 7,
      idColumn: 'userid',
      textColumn: 'username',
      piiColumn: 'email',
      joinTable: 'sales',
      joinKey: 'buyerid',
      stringAggregate: "string_agg(x, ',')",
      listAggregate: 'list(x)',
    }),
    ...duckDbColumnSelectionCases(),
    ...duckDbStateFunctionCases(fixed),
    ...sweep,
  ];
}

describe('red team on DuckDB: table macros, string SQL, renaming, state-changing functions', () => {
  beforeAll(async () => {
    target.current = await startDuckDbTarget(paths);
  });

  afterAll(async () => {
    tally.print();
    if (target.current) await target.current.close();
    else removeAttackFiles();
  });

  for (const securityCase of corpus(paths)) {
    it(securityCase.id, async () => {
      const running = target.current;
      if (running === undefined) throw new Error('the DuckDB target did not start');
      const verdict = await probeCase(running, securityCase);
      tally.record(securityCase.securityClass, securityCase.id, verdict.outcome);
      expect(verdict.breaches, describeVerdict(securityCase, verdict)).toEqual([]);
    });
  }
});
