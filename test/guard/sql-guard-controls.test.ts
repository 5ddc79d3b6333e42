import { beforeAll, describe, expect, it } from 'vitest';
import { SqlGuard } from '../../src/guard/sql-guard.js';
import { allowedControls } from './allowed-controls.js';
import { corpusTables } from './attacks/attack-case.js';

let guard: SqlGuard;
beforeAll(async () => {
  guard = await SqlGuard.create();
});

describe('allowed controls: realistic analytical SQL passes', () => {
  it('has at least 60 controls per dialect family', () => {
    const perFamily = new Map<string, number>();
    for (const control of allowedControls) {
      const family = control.dialect === 'redshift' ? 'postgres' : control.dialect === 'trino' ? 'athena' : control.dialect;
      perFamily.set(family, (perFamily.get(family) ?? 0) + 1);
    }
    for (const count of perFamily.values()) expect(count).toBeGreaterThanOrEqual(60);
  });

  it.each(allowedControls.map((control) => [control.id, control] as const))('%s', (_id, control) => {
    const verdict = guard.check({
      sql: control.sql,
      dialect: control.dialect,
      allowedTables: control.dialect === 'mysql' ? [...corpusTables, 'shop.orders'] : control.dialect === 'trino' ? [...corpusTables, 'hive.web.orders'] : corpusTables,
      rowLimit: 100,
    });
    expect(verdict, control.sql).toMatchObject({ allowed: true });
  });
});
