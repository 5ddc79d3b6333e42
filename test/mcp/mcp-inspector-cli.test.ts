import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { listenTestApp, SalesModel, stdioCommand, stdioEnvironment } from './mcp-test-support.js';

const run = promisify(execFile);

/**
 * The MCP Inspector's command-line mode (`@modelcontextprotocol/inspector --cli`), a client nobody on
 * this project wrote. It is not a dependency (from 0.16 on it needs Node 22); install it anywhere, e.g.
 * `npm install --prefix /tmp/inspector @modelcontextprotocol/inspector@0.15.0`, and point
 * MCP_INSPECTOR_CLI at its cli/build/cli.js. Without it these tests are skipped, saying so.
 */
function findInspector(): string | undefined {
  const configured = process.env.MCP_INSPECTOR_CLI;
  if (configured !== undefined && configured !== '') return fs.existsSync(configured) ? configured : undefined;
  try {
    return createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector/cli/build/cli.js');
  } catch {
    return undefined;
  }
}

const inspector = findInspector();
if (inspector === undefined) console.warn('[skip] the MCP Inspector CLI is not installed (set MCP_INSPECTOR_CLI to its cli/build/cli.js); its tests are skipped');

const toolNames = ['ask', 'list_sources', 'search_catalog', 'describe_table', 'run_sql', 'get_rows'];

describe.skipIf(inspector === undefined)('the MCP Inspector CLI as a second client', () => {
  let app: FastifyInstance;
  let mcpUrl: URL;

  beforeAll(async () => {
    // The Inspector's CLI sends no headers, so this service runs as the demo does: keys off.
    ({ app, mcpUrl } = await listenTestApp({ languageModel: new SalesModel() }));
  });
  afterAll(async () => app?.close());

  const inspect = async (target: string[], method: string[], environment: Record<string, string> = stdioEnvironment({})) => {
    const { stdout } = await run(process.execPath, [inspector as string, '--cli', ...target, ...method], { env: environment, timeout: 90_000 });
    return JSON.parse(stdout) as Record<string, unknown>;
  };

  it('lists the tools over Streamable HTTP', async () => {
    const listed = await inspect([mcpUrl.href], ['--method', 'tools/list']);
    expect((listed.tools as { name: string }[]).map((tool) => tool.name)).toEqual(toolNames);
  });

  it('lists the tools and calls one over stdio', async () => {
    const listed = await inspect([stdioCommand.command, ...stdioCommand.args], ['--method', 'tools/list']);
    expect((listed.tools as { name: string }[]).map((tool) => tool.name)).toEqual(toolNames);
    const described = await inspect([stdioCommand.command, ...stdioCommand.args], ['--method', 'tools/call', '--tool-name', 'describe_table', '--tool-arg', 'source=sales', 'table=users']);
    expect(described.structuredContent).toMatchObject({ source: 'sales', table: { name: 'users' } });
  });
});
