import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoData } from '../../src/demo/demo-data-generator.js';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { fingerprintDemo, makeTemporaryDataDir } from './demo-test-support.js';

// Small scale keeps these lifecycle tests quick; the full-size data is checked in demo-data-generator.test.ts.
const scale = 0.05;
const folders: string[] = [];

function newDataDir(label: string): string {
  const folder = makeTemporaryDataDir(label);
  folders.push(folder);
  return folder;
}

function deadProcessId(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid;
}

afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('ensureDemoData lifecycle', () => {
  it('scales the large tables down and keeps the small lookup tables whole', async () => {
    const dataDir = newDataDir('scaled');
    const result = await ensureDemoData(dataDir, { scale });
    expect(result.generated).toBe(true);
    expect(result.rowCounts['sales.sales']).toBe(Math.round(172_456 * scale));
    expect(result.rowCounts['sales.category']).toBe(11);
    expect(result.rowCounts['hr.departments']).toBe(9);
    expect(result.rowCounts['finance.all_stocks_5yr']).toBeLessThan(619_040 * 0.1);
  });

  it('gives different content for a different seed, and regenerates when the seed changes', async () => {
    const dataDir = newDataDir('seeds');
    await ensureDemoData(dataDir, { scale, seed: 1 });
    const seedOne = await fingerprintDemo(dataDir);
    const switched = await ensureDemoData(dataDir, { scale, seed: 2 });
    expect(switched.generated).toBe(true);
    const seedTwo = await fingerprintDemo(dataDir);
    expect(seedTwo.sales!.sales).not.toBe(seedOne.sales!.sales);
    expect(seedTwo.legal!.claims).not.toBe(seedOne.legal!.claims);
    // Stock prices are real, not drawn: every seed loads the same ones.
    expect(seedTwo.finance!.all_stocks_5yr).toBe(seedOne.finance!.all_stocks_5yr);
    const back = await ensureDemoData(dataDir, { scale, seed: 1 });
    expect(back.generated).toBe(true);
    expect(await fingerprintDemo(dataDir)).toEqual(seedOne);
  });

  it('treats a folder without a manifest, or with a missing file, as incomplete and rebuilds it', async () => {
    const dataDir = newDataDir('incomplete');
    await ensureDemoData(dataDir, { scale });
    fs.rmSync(path.join(dataDir, 'demo', 'legal', 'claims', 'year=2021'), { recursive: true });
    expect((await ensureDemoData(dataDir, { scale })).generated).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'demo', 'legal', 'claims', 'year=2021', 'part-0.parquet'))).toBe(true);
    fs.rmSync(path.join(dataDir, 'demo', 'manifest.json'));
    expect((await ensureDemoData(dataDir, { scale })).generated).toBe(true);
    expect((await ensureDemoData(dataDir, { scale })).generated).toBe(false);
  });

  it('removes leftovers of a crashed run but not those of a live one', async () => {
    const dataDir = newDataDir('leftovers');
    const crashed = path.join(dataDir, `.demo-tmp-${deadProcessId()}-deadbeef`);
    const live = path.join(dataDir, `.demo-tmp-${process.pid}-cafebabe`);
    fs.mkdirSync(crashed);
    fs.writeFileSync(path.join(crashed, 'sales.duckdb'), 'half written');
    fs.mkdirSync(live);
    await ensureDemoData(dataDir, { scale });
    expect(fs.readdirSync(dataDir).sort()).toEqual(['.demo-tmp-' + `${process.pid}-cafebabe`, 'demo']);
  });

  it('rejects a scale outside (0, 1] with a validation error', async () => {
    const dataDir = newDataDir('invalid');
    const attempt = ensureDemoData(dataDir, { scale: 0 });
    await expect(attempt).rejects.toSatisfy((error: unknown) => SwitchyardError.isInstance(error) && error.code === 'SWY_ERR_VALIDATION');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
