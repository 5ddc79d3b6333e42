import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbInstanceState } from '../../src/connectors/duckdb/duckdb-instance-state.js';

describe('the instance-wide state of a locked DuckDB instance', () => {
  let instance: DuckDBInstance | undefined;

  afterEach(() => {
    instance?.closeSync();
  });

  async function lockedInstance(): Promise<DuckDBInstance> {
    instance = await DuckDBInstance.create(':memory:', { allow_persistent_secrets: 'false' });
    const connection = await instance.connect();
    await connection.run('SET GLOBAL enable_external_access = false');
    await connection.run('SET GLOBAL lock_configuration = true');
    connection.closeSync();
    return instance;
  }

  async function run(target: DuckDBInstance, sql: string): Promise<void> {
    const connection = await target.connect();
    await connection.run(sql);
    connection.closeSync();
  }

  it('puts back logging and the parser that table functions switched despite the lock', async () => {
    const target = await lockedInstance();
    const setup = await target.connect();
    const state = await DuckDbInstanceState.capture(setup, false);
    setup.closeSync();
    expect(await state.check(target)).toBe('intact');
    await run(target, "CALL enable_logging(level := 'trace')");
    await run(target, 'CALL enable_peg_parser()');
    expect(await state.check(target)).toBe('restored');
    expect(await state.check(target)).toBe('intact');
  });

  it('reports a secret planted in an instance that loads httpfs as a change it cannot put back', async () => {
    const target = await lockedInstance();
    const setup = await target.connect();
    const state = await DuckDbInstanceState.capture(setup, true);
    setup.closeSync();
    await run(target, "CREATE SECRET planted (TYPE http, BEARER_TOKEN 'stolen')");
    expect(await state.check(target)).toBe('changed');
  });

  it('reports a detached catalog as a change it cannot put back', async () => {
    const target = await lockedInstance();
    await run(target, "ATTACH ':memory:' AS scratch");
    const setup = await target.connect();
    const state = await DuckDbInstanceState.capture(setup, false);
    setup.closeSync();
    await run(target, 'DETACH scratch');
    expect(await state.check(target)).toBe('changed');
  });
});
