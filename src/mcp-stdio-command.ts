// First, so the flag it sets is in place before any module below builds an AWS client.
import './aws-sdk-version-notice.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { findProjectRoot } from './config/project-root.js';
import { readServiceConfig } from './config/service-config-reader.js';
import { SwitchyardError } from './errors/switchyard-error.js';
import { stdioCaller } from './mcp/mcp-caller.js';
import { withProtocolErrorData } from './mcp/mcp-error-mapping.js';
import { createMcpServer } from './mcp/mcp-server-factory.js';
import { watchSourceSchemas } from './mcp/source-schema-resource.js';

/**
 * Switchyard as an MCP server on stdin/stdout, for desktop clients that start their servers as
 * processes (`npm run --silent mcp:stdio`). The same services as the HTTP service run in-process,
 * but nothing listens: the one client acts with the key in SWITCHYARD_MCP_API_KEY, so its sources,
 * audit records (channel `mcp`) and limits are those of that key. stdout carries the protocol, so
 * every log line goes to stderr.
 */

// A desktop client starts this from a folder of its own choosing; relative paths (./catalog, ./data)
// mean the project's, as under `npm run`.
process.chdir(findProjectRoot());

let app: FastifyInstance | undefined;
try {
  const config = readServiceConfig();
  app = await buildApp({ config, logger: { level: config.logLevel, stream: process.stderr } });
  const services = app.mcpServices;
  const server = createMcpServer(services, stdioCaller(app.apiKeys, services.settings.mcpApiKey));
  watchSourceSchemas(app.catalog, () => void server.sendResourceListChanged().catch(() => undefined));
  const running = app;
  let closing = false;
  const close = async (reason: string): Promise<void> => {
    if (closing) return;
    closing = true;
    running.log.info({ reason }, 'closing the stdio MCP server');
    await server.close().catch(() => undefined);
    await running.close();
    process.exit(0);
  };
  // The client ends the session by closing our stdin (or by a signal when it quits).
  process.stdin.once('end', () => void close('stdin closed'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
  await server.connect(withProtocolErrorData(new StdioServerTransport()));
  app.log.info('Switchyard MCP server ready on stdio');
} catch (error) {
  // A configuration mistake is the operator's to fix: the code and message, not a stack.
  if (SwitchyardError.isInstance(error)) console.error(`switchyard: ${error.code}: ${error.message}`);
  else console.error('switchyard: the stdio MCP server failed to start', error);
  await app?.close().catch(() => undefined);
  process.exit(1);
}
