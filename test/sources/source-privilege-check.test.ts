import { describe, expect, it } from 'vitest';
import { SourcePrivilegeCheck } from '../../src/sources/source-privilege-check.js';
import type { Connector } from '../../src/connectors/connector.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';

/** A connector whose privilege check answers from a script; nothing else of it is used. */
function scriptedConnector(name: string, answers: (() => string[])[]): Connector & { calls: number } {
  const connector = {
    sourceName: name,
    calls: 0,
    privilegeWarnings: async () => {
      const answer = answers[Math.min(connector.calls, answers.length - 1)];
      connector.calls += 1;
      return answer?.() ?? [];
    },
  };
  return connector as unknown as Connector & { calls: number };
}

describe('start-up privilege check', () => {
  it('checks each source once, logs its findings once and lists them on every refresh', async () => {
    const logged: object[] = [];
    const check = new SourcePrivilegeCheck({ warn: (object) => void logged.push(object) });
    const warehouse = scriptedConnector('warehouse', [() => ['dblink is usable']]);
    const clean = scriptedConnector('clean', [() => []]);
    const connectors = new Map<string, Connector>([
      ['warehouse', warehouse],
      ['clean', clean],
    ]);
    expect(await check.warnings(connectors)).toEqual(['source "warehouse": dblink is usable']);
    expect(await check.warnings(connectors)).toEqual(['source "warehouse": dblink is usable']);
    expect([warehouse.calls, clean.calls, logged.length]).toEqual([1, 1, 1]);
  });

  it('tries an unreachable source again next time, and reports a check that cannot run instead of passing it', async () => {
    const check = new SourcePrivilegeCheck({ warn: () => undefined });
    const unreachable = scriptedConnector('warehouse', [
      () => {
        throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', 'connection refused');
      },
      () => ['the login is a superuser'],
    ]);
    const broken = scriptedConnector('shop', [
      () => {
        throw new SwitchyardError('SWY_ERR_QUERY_FAILED', 'relation "pg_roles" does not exist');
      },
    ]);
    const connectors = new Map<string, Connector>([
      ['warehouse', unreachable],
      ['shop', broken],
    ]);
    expect(await check.warnings(connectors)).toEqual(['source "shop": the start-up privilege check could not run: relation "pg_roles" does not exist']);
    expect(await check.warnings(connectors)).toEqual([
      'source "shop": the start-up privilege check could not run: relation "pg_roles" does not exist',
      'source "warehouse": the login is a superuser',
    ]);
    expect([unreachable.calls, broken.calls]).toEqual([2, 1]);
  });
});
