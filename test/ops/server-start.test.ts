import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDataDirectory } from '../helpers/global-setup.js';
import { repositoryRoot } from '../helpers/services.js';
import { closedPort } from '../connectors/closed-port.js';

const serverScript = path.join(repositoryRoot, 'src', 'server.ts');

/** Stops a started server and waits for it, so no process outlives the test. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

describe('server start-up', () => {
  let catalogDirectory: string;
  let dataDirectory: string;
  let environment: NodeJS.ProcessEnv;
  let warehousePort: number;
  beforeAll(async () => {
    catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-start-catalog-'));
    dataDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-start-data-'));
    warehousePort = await closedPort();
    const sources = [
      'sources:',
      '  - name: sales',
      '    kind: duckdb',
      '    description: Ticket sales',
      `    connection: { database: '${path.join(testDataDirectory, 'demo', 'sales.duckdb')}' }`,
      '  - name: warehouse',
      '    kind: postgres',
      '    description: A PostgreSQL warehouse that is down',
      `    connection: { host: 127.0.0.1, port: ${warehousePort}, user: postgres, database: postgres, connectTimeoutMs: 1000 }`,
    ];
    await fs.writeFile(path.join(catalogDirectory, 'sources.yaml'), sources.join('\n'));
    // Without the SDK flag the test runner sets, so the server's own start-up is what is checked.
    const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _flag, ...inherited } = process.env;
    environment = { ...inherited, SWITCHYARD_CATALOG_DIR: catalogDirectory, SWITCHYARD_DATA_DIR: dataDirectory, HOST: '127.0.0.1', LOG_LEVEL: 'info', SWITCHYARD_AUTH: 'off' };
  });
  afterAll(async () => {
    await fs.rm(catalogDirectory, { recursive: true, force: true });
    await fs.rm(dataDirectory, { recursive: true, force: true });
  });

  it('says on one line, naming PORT=, that the port is in use, without a stack or SDK noise', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const server = promisify(execFile)(process.execPath, ['--import', 'tsx', serverScript], {
        cwd: repositoryRoot,
        env: { ...environment, PORT: String(port) },
        timeout: 60_000,
      });
      const failure = (await server.then(() => undefined, (error: unknown) => error)) as { code?: number; stderr?: string } | undefined;
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`switchyard: SWY_ERR_CONFIG_INVALID: Cannot listen on 127.0.0.1:${port}: port ${port} on 127.0.0.1 is already in use`);
      expect(failure?.stderr).toContain(`PORT=${port + 1}`);
      expect(failure?.stderr).not.toMatch(/^\s+at /m);
      // Nor the AWS SDK's Node version notice, which a Switchyard operator cannot act on.
      expect(failure?.stderr).not.toContain('NodeVersionSupportWarning');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 70_000);

  it('logs one ready line with the address to open, as JSON when no terminal is attached, and the address of a source that is down', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', serverScript], { cwd: repositoryRoot, env: { ...environment, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let buffered = '';
      const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line in: ${buffered}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const line = buffered.split('\n').find((candidate) => candidate.includes('Switchyard is ready'));
          if (line !== undefined) {
            clearTimeout(timer);
            resolve(JSON.parse(line) as Record<string, unknown>);
          }
        });
        child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${buffered}`)));
      });
      expect(ready.msg).toMatch(/^Switchyard is ready: open http:\/\/127\.0\.0\.1:\d+$/);
      const url = String(ready.url);
      expect(ready.msg).toBe(`Switchyard is ready: open ${url}`);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      // The operator's log names the address of a database that is down; clients are told the settings to check.
      const loadFailure = buffered.split('\n').find((line) => line.includes('catalog load failed'));
      expect(JSON.parse(loadFailure ?? '{}')).toMatchObject({ source: 'warehouse', address: `127.0.0.1:${warehousePort}` });
    } finally {
      await stop(child);
    }
  }, 70_000);

  // util-linux `script` gives the server a terminal; elsewhere (macOS, no util-linux) this case is skipped.
  const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('prints readable lines, the ready line among them, when a terminal is attached', async () => {
    const command = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(serverScript)}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: repositoryRoot, env: { ...environment, PORT: '0' }, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let buffered = '';
        const timer = setTimeout(() => reject(new Error(`no ready line in: ${buffered}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          if (/Switchyard is ready: open http:\/\/127\.0\.0\.1:\d+\r?\n/.test(buffered)) {
            clearTimeout(timer);
            resolve(buffered);
          }
        });
      });
      expect(output).toMatch(/^\d\d:\d\d:\d\d INFO  Switchyard is ready: open http:\/\/127\.0\.0\.1:\d+\r?$/m);
      expect(output).toMatch(/^\d\d:\d\d:\d\d WARN  catalog load failed; keeping last good metadata source=warehouse/m);
      expect(output).not.toMatch(/^\{"level"/m);
    } finally {
      await stop(child);
    }
  }, 70_000);
});
