import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('a DuckDB instance left unable to answer', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-duckdb-unusable-'));
  });

  afterAll(async () => {
    await fs.rm(directory, { recursive: true, force: true });
  });

  it('is replaced, so the source keeps answering after file logging was pointed at a path the sandbox forbids', () => {
    const probe = path.join(import.meta.dirname, 'duckdb-unusable-instance-probe.ts');
    const tsx = path.join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const child = spawnSync(tsx, [probe, directory], { encoding: 'utf8', timeout: 60_000 });
    expect(child.status, child.stderr).toBe(0);
    const seen = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(seen['afterwards']).toEqual([[3]]);
    expect(seen['written']).toEqual([]);
    expect(seen['closeMs']).toBeLessThan(20_000);
  });
});
