import { describe, expect, it } from 'vitest';
import { keyColumnsOf, keyTypeClass, nameCandidates, type KeyColumn } from '../../src/catalog/relationship-name-match.js';
import { catalogSourceOf } from './relationship-fixtures.js';

const pairs = (columns: KeyColumn[]) =>
  nameCandidates(columns).map((candidate) => `${candidate.left.source}.${candidate.left.table}.${candidate.left.column} ~ ${candidate.right.source}.${candidate.right.table}.${candidate.right.column} (${candidate.nameMatch})`);

describe('keyTypeClass', () => {
  it('puts whole numbers and text in their classes and leaves dates, floats and booleans out', () => {
    for (const type of ['integer', 'bigint', 'smallint', 'int4', 'hugeint', 'ubigint', 'number(38,0)', 'decimal(10, 0)', 'serial']) expect(keyTypeClass(type), type).toBe('integer');
    for (const type of ['varchar', 'character varying(30)', 'text', 'char(4)', 'string', 'uuid']) expect(keyTypeClass(type), type).toBe('text');
    for (const type of ['date', 'timestamp', 'double', 'decimal(12,2)', 'boolean', 'float', 'interval']) expect(keyTypeClass(type), type).toBeUndefined();
  });
});

describe('nameCandidates', () => {
  it('pairs a referencing column with the key its name ends with, across sources only', () => {
    const columns = keyColumnsOf([
      catalogSourceOf('legal', { claims: { claim_id: 'varchar', adjuster_emp_no: 'integer', customer_state: 'varchar' } }),
      catalogSourceOf('hr', { employees: { emp_no: 'integer', first_name: 'varchar' }, dept_emp: { emp_no: 'integer', dept_no: 'varchar' } }),
      catalogSourceOf('sales', { venue: { venueid: 'smallint', venuecity: 'varchar' }, users: { userid: 'integer', city: 'varchar', firstname: 'varchar' } }),
    ]);
    expect(pairs(columns)).toEqual([
      'hr.employees.first_name ~ sales.users.firstname (same-name)',
      'hr.employees.emp_no ~ legal.claims.adjuster_emp_no (suffix)',
      'hr.dept_emp.emp_no ~ legal.claims.adjuster_emp_no (suffix)',
    ]);
  });

  it('matches a table-qualified key to a generic key column, and never two generic names to each other', () => {
    const columns = keyColumnsOf([
      catalogSourceOf('crm', { customers: { id: 'integer', name: 'varchar' }, accounts: { id: 'integer' } }),
      catalogSourceOf('billing', { invoices: { id: 'integer', customer_id: 'bigint', name: 'varchar', code: 'varchar' }, categories: { id: 'integer' } }),
    ]);
    expect(pairs(columns)).toEqual(['billing.invoices.customer_id ~ crm.customers.id (table-qualified)']);
  });

  it('needs the same class of values, a non-PII column and, for a short ending, a word boundary', () => {
    const columns = keyColumnsOf([
      catalogSourceOf('a', { orders: { ticker: 'varchar', store_no: 'integer', email: 'varchar', pno: 'integer' } }, { pii: ['email'] }),
      catalogSourceOf('b', { stocks: { ticker: 'integer', store_no: 'varchar', email: 'varchar', no: 'integer' }, stores: { sno: 'integer' } }),
    ]);
    expect(pairs(columns)).toEqual([]);
    const aligned = keyColumnsOf([catalogSourceOf('a', { t: { big_cat: 'varchar', bobcat: 'varchar' } }), catalogSourceOf('b', { u: { cat: 'varchar' } })]);
    expect(pairs(aligned)).toEqual(['a.t.big_cat ~ b.u.cat (suffix)']);
  });

  it('leaves calendar parts out: two tables of the same years do not refer to each other', () => {
    const columns = keyColumnsOf([catalogSourceOf('a', { t: { year: 'integer', month: 'integer' } }), catalogSourceOf('b', { u: { year: 'smallint', fiscal_year: 'integer' } })]);
    expect(pairs(columns)).toEqual([]);
  });

  it('matches a catalog of 200,000 columns without comparing every pair', () => {
    const words = 'account order customer invoice payment shipment product supplier warehouse employee claim policy ticker venue event seller'.split(' ');
    const columns: KeyColumn[] = [];
    for (let index = 0; index < 200_000; index += 1) {
      const name = `${words[index % words.length]}_${words[Math.floor(index / words.length) % words.length]}_${index % 7 === 0 ? 'id' : 'code'}`;
      columns.push({ source: `source_${index % 20}`, table: `table_${Math.floor(index / 20) % 500}`, column: name, typeClass: index % 2 === 0 ? 'integer' : 'text' });
    }
    const started = performance.now();
    const candidates = nameCandidates(columns, 200);
    const elapsedMs = performance.now() - started;
    console.log(`[catalog] name candidates over 200,000 columns in ${Math.round(elapsedMs)} ms`);
    expect(elapsedMs).toBeLessThan(10_000);
    expect(candidates).toHaveLength(200);
    expect(candidates.every((candidate) => candidate.nameMatch === 'same-name' && candidate.left.source !== candidate.right.source)).toBe(true);
  });
});
