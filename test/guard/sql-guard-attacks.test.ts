import { beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { corpusTables } from './attacks/attack-case.js';
import { attackCorpus } from './attacks/index.js';

let guard: SqlGuard;
beforeAll(async () => {
  guard = await SqlGuard.create();
});

describe('attack corpus (anchors §3c): every case is blocked', () => {
  it('has unique ids and covers all eight classes', () => {
    const ids = attackCorpus.map((attack) => attack.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(attackCorpus.map((attack) => attack.class))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(attackCorpus.length).toBeGreaterThanOrEqual(200);
  });

  it.each(attackCorpus.map((attack) => [attack.id, attack] as const))('%s', (_id, attack) => {
    const verdict = guard.check({ sql: attack.sql, dialect: attack.dialect, allowedTables: corpusTables, rowLimit: 100 });
    expect(verdict.allowed, `allowed: ${attack.sql}`).toBe(false);
    if (!verdict.allowed) {
      expect(verdict.reason.length).toBeGreaterThan(10);
      if (attack.expectedRule !== undefined) expect(verdict.rule).toBe(attack.expectedRule);
    }
  });
});
