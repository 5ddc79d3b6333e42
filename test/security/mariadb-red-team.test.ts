import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService } from '../helpers/services.js';
import { cteListRenamingCases } from './corpus/renaming-cases.js';
import { mariaDbStateFunctionCases } from './corpus/state-function-cases.js';
import { mariaDbStringSqlCases } from './corpus/string-sql-cases.js';
import { mariaDbRelationCases } from './corpus/table-macro-cases.js';
import { mariaDbUserFunctionCases } from './corpus/user-function-cases.js';
import { startMariaDbTarget, type MariaDbTarget } from './helpers/mariadb-target.js';
import { OutcomeTally } from './helpers/outcome-tally.js';
import { describeVerdict, probeCase } from './helpers/pipeline-probe.js';

/*
 * Classes 1–5 on MariaDB through the whole pipeline: an `hrm` source (employees.email PII, an
 * overlay-hidden payroll, stored functions) and a `vault` database, both read by a user holding the
 * README's least-privilege grants plus EXECUTE on the stored functions; the attacker's key reaches hrm only.
 */
const mariadb = await probeService('mariadb');
const tally = new OutcomeTally('MariaDB (hrm + vault, least-privilege user)');
const target = { current: undefined as MariaDbTarget | undefined };

const corpus = [
  ...mariaDbRelationCases(),
  ...mariaDbStringSqlCases(),
  ...cteListRenamingCases({
    engine: 'mariadb',
    source: 'hrm',
    table: 'employees',
    columnCount: 4,
    piiPosition: 3,
    idColumn: 'emp_no',
    textColumn: 'first_name',
    piiColumn: 'email',
    joinTable: 'assignments',
    joinKey: 'emp_no',
    stringAggregate: "GROUP_CONCAT(x SEPARATOR ',')",
    listAggregate: 'JSON_ARRAYAGG(x)',
  }),
  ...mariaDbStateFunctionCases(),
  ...mariaDbUserFunctionCases(),
];

describe.skipIf(!mariadb.available)('red team on MariaDB: relations, string SQL, renaming, state, stored functions', () => {
  beforeAll(async () => {
    target.current = await startMariaDbTarget();
  });

  afterAll(async () => {
    tally.print();
    await target.current?.close();
  });

  for (const securityCase of corpus) {
    it(securityCase.id, async () => {
      const running = target.current;
      if (running === undefined) throw new Error('the MariaDB target did not start');
      const verdict = await probeCase(running, securityCase);
      tally.record(securityCase.securityClass, securityCase.id, verdict.outcome);
      expect(verdict.breaches, describeVerdict(securityCase, verdict)).toEqual([]);
    });
  }
});
