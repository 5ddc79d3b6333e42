import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeService } from '../helpers/services.js';
import { aliasListRenamingCases, postgresColumnSelectionCases } from './corpus/renaming-cases.js';
import { postgresStateFunctionCases } from './corpus/state-function-cases.js';
import { postgresStringSqlCases } from './corpus/string-sql-cases.js';
import { postgresRelationArgumentCases } from './corpus/table-macro-cases.js';
import { postgresUserFunctionCases } from './corpus/user-function-cases.js';
import { OutcomeTally } from './helpers/outcome-tally.js';
import { describeVerdict, probeCase } from './helpers/pipeline-probe.js';
import { postgresNames, startPostgresTarget, type PostgresTarget } from './helpers/postgres-target.js';

/*
 * Classes 1–5 on PostgreSQL through the whole pipeline: a `shop` source (customers.email PII, an
 * overlay-hidden staff_secrets, administrator functions) and a `vault` source in another schema, both
 * read by a role holding the README's least-privilege grants; the attacker's key reaches shop only.
 */
const postgres = await probeService('postgres');
const tally = new OutcomeTally('PostgreSQL (shop + vault, least-privilege role)');
const target = { current: undefined as PostgresTarget | undefined };

const corpus = [
  ...postgresRelationArgumentCases(),
  ...postgresStringSqlCases(postgresNames.database),
  ...aliasListRenamingCases({
    engine: 'postgres',
    source: 'shop',
    table: 'customers',
    columnCount: 4,
    piiPosition: 3,
    idColumn: 'customer_id',
    textColumn: 'name',
    piiColumn: 'email',
    joinTable: 'orders',
    joinKey: 'customer_id',
    stringAggregate: "string_agg(x, ',')",
    listAggregate: 'array_agg(x)',
  }),
  ...postgresColumnSelectionCases(),
  ...postgresStateFunctionCases(),
  ...postgresUserFunctionCases(),
];

describe.skipIf(!postgres.available)('red team on PostgreSQL: relation arguments, string SQL, renaming, state, user functions', () => {
  beforeAll(async () => {
    target.current = await startPostgresTarget();
  });

  afterAll(async () => {
    tally.print();
    await target.current?.close();
  });

  for (const securityCase of corpus) {
    it(securityCase.id, async () => {
      const running = target.current;
      if (running === undefined) throw new Error('the PostgreSQL target did not start');
      const verdict = await probeCase(running, securityCase);
      tally.record(securityCase.securityClass, securityCase.id, verdict.outcome);
      expect(verdict.breaches, describeVerdict(securityCase, verdict)).toEqual([]);
    });
  }
});
